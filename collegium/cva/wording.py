"""One plain sentence per school: where its results stand against schools with a similar
intake, decided by the 95 % interval, and how sure we are (the interval in words)."""

from collegium.cva.results import MIN_PUPILS, Reading, SchoolEffect


def describe(row: SchoolEffect, unit: str = "points", decimals: int = 2) -> str:
    """E.g. "Above what schools with a similar intake achieve: 0.42 points higher. We are 95 %
    sure the difference is between 0.11 and 0.73 points." ``unit`` names the outcome's units."""
    reading = row.reading
    if reading is Reading.TOO_FEW or row.effect is None or row.low is None or row.high is None:
        return (
            f"Too few pupils for a figure: {_pupils(row.pupils)}, and results are shown only for "
            f"groups of {MIN_PUPILS} pupils or more."
        )
    size = _number(abs(row.effect), decimals)
    sure = (
        f"We are 95 % sure the difference is between {_number(row.low, decimals)} and "
        f"{_number(row.high, decimals)} {unit}."
    )
    if reading is Reading.ABOVE:
        return f"Above what schools with a similar intake achieve: {size} {unit} higher. {sure}"
    if reading is Reading.BELOW:
        return f"Below what schools with a similar intake achieve: {size} {unit} lower. {sure}"
    return (
        "In line with what schools with a similar intake achieve: the difference, "
        f"{_number(row.effect, decimals)} {unit}, is within what chance alone could give. {sure}"
    )


def _number(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    if text.startswith("-") and float(text) != 0:
        return "−" + text[1:]  # a true minus sign, read as "minus"
    return text.lstrip("-")  # "-0.00" is 0


def _pupils(count: int) -> str:
    return "1 pupil" if count == 1 else f"{count} pupils"
