"""How a school's figure changed between two years, against the change in similar schools over
the same years (I3 impact). Pure: no Django import.

    years = years_to_compare(school_series, review_year)      # (start, end) or None
    result = compare_change(school_series, neighbour_series, *years)
    result.school_change, result.neighbours_median, result.difference, result.enough

A series is {year: value}. A neighbour counts only when it has a value in both years, so every
change compared spans exactly the same two years as the school's own.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import median, quantiles

MIN_NEIGHBOURS = 5  # fewer neighbours with both years than this is too few to compare with


@dataclass(frozen=True)
class Comparison:
    start_year: int
    end_year: int
    school_start: float
    school_end: float
    neighbours_counted: int  # neighbours with a value in both years
    neighbours_median: float | None  # the median of their changes
    neighbours_lower_quartile: float | None
    neighbours_upper_quartile: float | None
    enough: bool  # at least MIN_NEIGHBOURS neighbours counted

    @property
    def school_change(self) -> float:
        return self.school_end - self.school_start

    @property
    def difference(self) -> float | None:
        """The school's change less the neighbours' median change."""
        if self.neighbours_median is None:
            return None
        return self.school_change - self.neighbours_median

    @property
    def position(self) -> str | None:
        """Where the school's change lies against the middle half of the neighbours' changes:
        "above", "within" or "below" (None with no neighbours)."""
        low, high = self.neighbours_lower_quartile, self.neighbours_upper_quartile
        if low is None or high is None:
            return None
        if self.school_change > high:
            return "above"
        if self.school_change < low:
            return "below"
        return "within"


def years_to_compare(series: Mapping[int, float], review_year: int) -> tuple[int, int] | None:
    """From the last year ending in the review's year or earlier, to the latest year after it.
    None when the school has no figure from before the review or none since."""
    before = [year for year in series if year <= review_year]
    if not before:
        return None
    start, end = max(before), max(series)
    return (start, end) if end > start else None


def quartiles(values: list[float]) -> tuple[float, float]:
    """Lower and upper quartiles, interpolating between values (the "inclusive" method, as
    spreadsheets' QUARTILE and NumPy's default percentile do)."""
    if len(values) == 1:
        return values[0], values[0]
    lower, _, upper = quantiles(values, n=4, method="inclusive")
    return lower, upper


def compare_change(
    school: Mapping[int, float],
    neighbours: Iterable[Mapping[int, float]],
    start_year: int,
    end_year: int,
    minimum: int = MIN_NEIGHBOURS,
) -> Comparison:
    """The school's change from start_year to end_year against its neighbours' changes."""
    if start_year not in school or end_year not in school:
        raise ValueError("The school needs a value in both years")
    changes = [
        series[end_year] - series[start_year]
        for series in neighbours
        if start_year in series and end_year in series
    ]
    low, high = quartiles(changes) if changes else (None, None)
    return Comparison(
        start_year=start_year,
        end_year=end_year,
        school_start=school[start_year],
        school_end=school[end_year],
        neighbours_counted=len(changes),
        neighbours_median=median(changes) if changes else None,
        neighbours_lower_quartile=low,
        neighbours_upper_quartile=high,
        enough=len(changes) >= minimum,
    )
