"""Reading the DfE and Ofsted CSV files: headers, rows and cleaned values.

Pure Python (no Django) so the rules for messy values can be tested on their own. A cleaning
helper returns None for a value the publishers use to mean "missing" and raises ValueError with
a reason a person can act on ("Progress 8 'abc' is not a number") for anything it cannot read.
"""

import csv
import io
import math
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

# Markers the DfE and Ofsted files use for "no value": suppressed (SUPP, x, LOW, LOWCOV; SP, a
# share under 0.5 % of a destination cohort), not entered or not published (NE, NP, NA, NULL,
# ..), new school (NEW), no rating (Unknown).
MISSING = frozenset(
    {"", "NA", "N/A", "NULL", "SUPP", "SP", "NE", "NP", "X", "LOW", "LOWCOV", "NEW", "..",
     "UNKNOWN"}
)  # fmt: skip

# strptime formats and the way a person would write them in a message.
DATE_FORMATS = {
    "%Y%m%d": "YYYYMMDD",
    "%Y-%m-%d": "YYYY-MM-DD",
    "%Y-%m-%d %H:%M:%S": "YYYY-MM-DD HH:MM:SS",
    "%d-%m-%Y": "DD-MM-YYYY",
    "%d/%m/%Y": "DD/MM/YYYY",
}

Row = dict[str, str]

CUT_SHORT = "the file may be cut short or damaged"


class FileRefused(Exception):
    """A whole file cannot be imported (wrong header, cut short, unreadable): nothing is written."""


def read_rows(
    path: Path, name: str, required: Sequence[str], *, final_newline: bool = True
) -> Iterator[tuple[int, Row]]:
    """Yield (line number, row) for each data row; the header is line 1. Blank lines are skipped.

    A row holds only the required columns. Refuses the whole file, naming the line, if a column
    is missing, a row has more or fewer fields than the header, a quoted field is never closed,
    or the last line has no line ending (final_newline=False also accepts a last line ending at
    the closing quote of its last field, as the GIAS exports do).
    """
    text = _decode(path, name)
    _check_ending(text, name, final_newline)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    last_line = 0
    try:
        header = [column.strip() for column in next(reader, [])]
        columns = _columns(header, required, name)
        width, last_line = len(header), reader.line_num
        for fields in reader:
            line, last_line = last_line + 1, reader.line_num
            if len(fields) != width:
                if any(fields):
                    raise FileRefused(_wrong_width(name, line, len(fields), width))
                continue
            yield line, {column: fields[index] for column, index in columns}
    except csv.Error as err:
        raise FileRefused(_unreadable(name, last_line + 1, err)) from None


def _check_ending(text: str, name: str, final_newline: bool) -> None:
    if not text or text.isspace():
        raise FileRefused(f"{name} is empty.")
    if text.endswith("\n") or (not final_newline and text.endswith('"')):
        return
    last_line = text.count("\n") + 1
    raise FileRefused(
        f"{name} ends part-way through line {last_line:,}: its last line has no line ending, "
        "so the file may have been cut short."
    )


def _columns(header: list[str], required: Sequence[str], name: str) -> list[tuple[str, int]]:
    missing = [column for column in required if column not in header]
    if missing:
        raise FileRefused(
            f"{name} is not the file expected: it has no {_join(missing)} "
            f"column{'s' if len(missing) > 1 else ''}."
        )
    return [(column, header.index(column)) for column in required]


def _wrong_width(name: str, line: int, count: int, width: int) -> str:
    fields = "field" if count == 1 else "fields"
    return f"{name} line {line:,} has {count} {fields} but the header has {width}: {CUT_SHORT}."


def _unreadable(name: str, line: int, err: csv.Error) -> str:
    reason = str(err)
    if "end of data" in reason or "field limit" in reason:
        # In strict mode an open quote runs to the end of the file or past the field limit.
        return f"{name} line {line:,} opens a quoted field that is never closed: {CUT_SHORT}."
    if "expected after" in reason:
        return f"{name} line {line:,} has text after the closing quote of a field."
    return f"{name} line {line:,} cannot be read as CSV ({reason})."


def _decode(path: Path, name: str) -> str:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise FileRefused(f"{name} cannot be read: {err.strerror}.") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Files saved from Excel on Windows (the GIAS links extract is one).
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise FileRefused(f"{name} is not a text file in UTF-8 or Windows-1252.") from None


def _join(names: Sequence[str]) -> str:
    quoted = [f'"{name}"' for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def is_missing(value: str | None) -> bool:
    return value is None or value.strip().upper() in MISSING


def to_text(value: str | None) -> str:
    if not value:
        return ""
    text = " ".join(value.split())
    return "" if text.upper() in MISSING else text


def to_float(value: str | None, label: str) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]  # the common case, fast
    except (TypeError, ValueError):
        if value is None or is_missing(value):
            return None
        text = value.strip().removesuffix("%").replace(",", "").strip()
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"{label} '{value.strip()}' is not a number") from None
    if not math.isfinite(number):
        raise ValueError(f"{label} '{str(value).strip()}' is not a number")
    return number


def to_int(value: str | None, label: str) -> int | None:
    try:
        return int(value)  # type: ignore[arg-type]  # the common case, fast
    except (TypeError, ValueError):
        pass
    number = to_float(value, label)
    if number is None:
        return None
    if not number.is_integer():
        raise ValueError(f"{label} '{str(value).strip()}' is not a whole number")
    return int(number)


def to_count(value: str | None, label: str) -> int | None:
    """A whole number of 0 or more (pupils, ages)."""
    number = to_int(value, label)
    if number is not None and number < 0:
        raise ValueError(f"{label} '{str(value).strip()}' is less than 0")
    return number


def to_pct(value: str | None, label: str) -> float | None:
    """A percentage from 0 to 100, written with or without a % sign."""
    number = to_float(value, label)
    if number is not None and not 0 <= number <= 100:
        raise ValueError(f"{label} '{str(value).strip()}' is not a percentage from 0 to 100")
    return number


def to_money(value: str | None, label: str) -> Decimal | None:
    """Pounds and pence, rounded to the penny."""
    try:
        amount = Decimal(value)  # type: ignore[arg-type]  # the common case, fast
    except (TypeError, InvalidOperation):
        if value is None or is_missing(value):
            return None
        try:
            amount = Decimal(value.strip().lstrip("£").replace(",", ""))
        except InvalidOperation:
            raise ValueError(f"{label} '{value.strip()}' is not an amount of money") from None
    if not amount.is_finite():
        raise ValueError(f"{label} '{str(value).strip()}' is not an amount of money")
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def to_date(value: str | None, label: str, *formats: str) -> date | None:
    if value is None or is_missing(value):
        return None
    text = value.strip()
    for fmt in formats:
        try:
            return _parse_date(text, fmt)
        except ValueError:
            continue
    expected = " or ".join(DATE_FORMATS.get(fmt, fmt) for fmt in formats)
    raise ValueError(f"{label} '{text}' is not a date (expected {expected})")


def _parse_date(text: str, fmt: str) -> date:
    # strptime is slow; the formats of the big files have exact fast equivalents.
    if fmt == "%Y%m%d" and len(text) == 8 and text.isascii() and text.isdigit():
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    if fmt == "%Y-%m-%d" and len(text) == 10 and text[4] == text[7] == "-":
        return date(int(text[:4]), int(text[5:7]), int(text[8:]))
    if fmt == "%d-%m-%Y" and len(text) == 10 and text[2] == text[5] == "-":
        return date(int(text[6:]), int(text[3:5]), int(text[:2]))
    return datetime.strptime(text, fmt).date()


def to_urn(value: str | None, label: str = "URN") -> int:
    """A URN is required: a whole number from 1 to 2,147,483,647 (the column's limit)."""
    try:
        urn = int(value)  # type: ignore[arg-type]  # the common case, fast
        if 0 < urn < 2**31:
            return urn
    except (TypeError, ValueError):
        pass
    if value is None or is_missing(value):
        raise ValueError(f"{label} is missing")
    number = to_int(value, label)
    if number is None or not 0 < number < 2**31:
        raise ValueError(f"{label} '{value.strip()}' is not a URN")
    return number


def to_year(value: str | None, label: str) -> int:
    year = to_int(value, label)
    if year is None:
        raise ValueError(f"{label} is missing")
    if not 1990 <= year <= 2100:
        raise ValueError(f"{label} '{str(value).strip()}' is not a year")
    return year


def to_flag(value: str | None, label: str) -> bool:
    """A 0/1 flag; missing means 0."""
    number = to_int(value, label)
    if number not in (None, 0, 1):
        raise ValueError(f"{label} '{str(value).strip()}' is not 0 or 1")
    return number == 1


def postcode_district(postcode: str) -> str:
    """The outward code: the part of the postcode before the space ("YO1" for "YO1 7HH")."""
    parts = postcode.strip().upper().split()
    return parts[0] if len(parts) == 2 else ""
