"""Reading a pupil file: the columns, every row checked, every mistake named with its line.

No Django: `read_pupil_file` returns the rows as arrays, or raises `FileMistakes` with one
message per line that has a mistake (the header is line 1), up to `MAX_REPORTED` lines and a
count of the rest. A file is read whole before anything is stored, so a file with one mistake
stores nothing. The columns are `COLUMNS`; the upload page and the template are made from them.
"""

import csv
import io
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

MAX_REPORTED = 100  # lines named; the rest are counted
MAX_KEY_LENGTH = 64
# A unique pupil number: a letter, 11 digits and a digit or letter. A pseudonymised file
# never holds one.
UPN = re.compile(r"[A-Z]\d{11}[0-9A-Z]")
UPN_ON_A_LINE = re.compile(r"^[A-Z]\d{11}[0-9A-Z]$", re.MULTILINE)
YES_NO = {"1": True, "0": False, "Y": True, "N": False, "YES": True, "NO": False}
SEN_CODES = {"N", "K", "E"}
GENDER_CODES = {"F", "M"}


@dataclass(frozen=True)
class Column:
    name: str
    what: str  # what it holds, for the page
    allowed: str  # the values it takes, for the page
    required: bool = True


URN = Column("urn", "The school's URN", "The school's unique reference number, 6 digits", False)
COLUMNS = (
    Column(
        "pupil_key",
        "The school's pseudonymised key for the pupil, the same in every file the school sends",
        f"Up to {MAX_KEY_LENGTH} characters, once per file; never the pupil's name or UPN",
    ),
    URN,
    Column("prior_attainment", "The pupil's earlier result (see the measure)", "A number"),
    Column("outcome", "The pupil's result in the measure", "A number"),
    Column("fsm", "Eligible for free school meals", "1 (yes) or 0 (no)"),
    Column("eal", "English is an additional language", "1 (yes) or 0 (no)"),
    Column(
        "sen",
        "Special educational needs, as in the school census",
        "N (none), K (SEN support) or E (education, health and care plan)",
    ),
    Column("gender", "Gender, as in the school census", "F or M"),
    Column("birth_month", "Month of birth", "1 (January) to 12 (December)"),
    Column("idaci", "IDACI score of the pupil's home area", "A number from 0 to 1", False),
)
NAMES = tuple(column.name for column in COLUMNS)
TEMPLATE_ROWS = (
    ("P0001", "100000", "104.5", "52.0", "0", "0", "N", "F", "9", "0.12"),
    ("P0002", "100000", "98.0", "38.5", "1", "0", "K", "M", "7", "0.41"),
)


Values = Sequence[str]  # one column's values, in file order


class FileMistakes(Exception):
    """The file cannot be stored; `messages` says why, line by line."""

    def __init__(self, messages: Sequence[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = list(messages)


@dataclass(frozen=True)
class PupilRows:
    """The file's rows as columns, in file order; `lines` is each row's line in the file."""

    keys: list[str]
    urns: NDArray[np.int64] | None  # None when the file has no urn column
    prior_attainment: NDArray[np.float64]
    outcome: NDArray[np.float64]
    fsm: NDArray[np.bool_]
    eal: NDArray[np.bool_]
    sen: NDArray[np.str_]
    gender: NDArray[np.str_]
    birth_month: NDArray[np.int64]
    idaci: NDArray[np.float64] | None
    lines: NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.keys)


def template_text() -> str:
    """A template file: the header and two made-up rows."""
    lines = [",".join(NAMES), *(",".join(row) for row in TEMPLATE_ROWS)]
    return "\r\n".join(lines) + "\r\n"


def read_pupil_file(content: bytes, *, urn_required: bool) -> PupilRows:
    """The rows of the file, every one checked; FileMistakes names every line that is wrong."""
    header, rows, lines = _rows(_decode(content))
    columns = _columns(header, urn_required)
    by_column = list(zip(*rows, strict=True))  # one tuple of values per column
    del rows
    values = {name: by_column[index] for name, index in columns.items()}
    mistakes = Mistakes(lines)
    read = {
        "keys": _keys(values.pop("pupil_key"), mistakes),
        "urns": _optional(values.pop("urn", None), lambda v: _urns(v, mistakes)),
        "prior_attainment": _numbers(values.pop("prior_attainment"), "prior attainment", mistakes),
        "outcome": _numbers(values.pop("outcome"), "the outcome", mistakes),
        "fsm": _codes(values.pop("fsm"), YES_NO, "FSM must be 1 (yes) or 0 (no)", mistakes),
        "eal": _codes(values.pop("eal"), YES_NO, "EAL must be 1 (yes) or 0 (no)", mistakes),
        "sen": _census(values.pop("sen"), SEN_CODES, "SEN must be N, K or E", mistakes),
        "gender": _census(values.pop("gender"), GENDER_CODES, "gender must be F or M", mistakes),
        "birth_month": _months(values.pop("birth_month"), mistakes),
        "idaci": _optional(values.pop("idaci", None), lambda v: _idaci(v, mistakes)),
    }
    mistakes.raise_any()
    return PupilRows(**read, lines=mistakes.lines)


def _decode(content: bytes) -> str:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileMistakes(
            ["The file must be a CSV file saved as UTF-8 (in Excel: CSV UTF-8)"]
        ) from None
    if not text.strip():
        raise FileMistakes(["The file is empty"])
    return text


def _rows(text: str) -> tuple[list[str], list[list[str]], NDArray[np.int64]]:
    """The header, then each data row of the header's width and its line; blank lines skipped.
    Read in one go when every record is on a line of its own (a record's line is then its
    place), else record by record."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        records = list(reader)
    except csv.Error as error:
        raise FileMistakes(
            [f"Line {reader.line_num:,}: the file cannot be read as CSV ({error})"]
        ) from None
    if reader.line_num != len(records):  # a quoted value runs over several lines
        return _rows_by_line(text)
    header, rows = records[0], records[1:]
    lines = np.arange(2, len(rows) + 2, dtype=np.int64)
    width = len(header)
    if any(len(fields) != width for fields in rows):
        wrong = [
            _wrong_width(int(line), len(fields), width)
            for line, fields in zip(lines, rows, strict=True)
            if len(fields) != width and any(field.strip() for field in fields)
        ]
        if wrong:
            raise FileMistakes(_capped(wrong))
        kept = [index for index, fields in enumerate(rows) if len(fields) == width]
        rows, lines = [rows[index] for index in kept], lines[kept]
    if not rows:
        raise FileMistakes(["The file has a header but no pupils"])
    return header, rows, lines


def _wrong_width(line: int, values: int, width: int) -> str:
    return f"Line {line:,}: it has {values} values, but the header has {width} columns"


def _rows_by_line(text: str) -> tuple[list[str], list[list[str]], NDArray[np.int64]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, lines, wrong = [], [], []
    try:
        header = next(reader)
        width = len(header)
        for fields in reader:
            if len(fields) == width:
                rows.append(fields)
                lines.append(reader.line_num)
            elif any(field.strip() for field in fields):
                wrong.append(_wrong_width(reader.line_num, len(fields), width))
    except csv.Error as error:
        raise FileMistakes(
            [f"Line {reader.line_num:,}: the file cannot be read as CSV ({error})"]
        ) from None
    if wrong:
        raise FileMistakes(_capped(wrong))
    if not rows:
        raise FileMistakes(["The file has a header but no pupils"])
    return header, rows, np.asarray(lines, dtype=np.int64)


def _columns(header: list[str], urn_required: bool) -> dict[str, int]:
    names = [name.strip().lower() for name in header]
    required = [c.name for c in COLUMNS if c.required or (c is URN and urn_required)]
    problems = []
    missing = [name for name in required if name not in names]
    if missing:
        problems.append(f"The header must have the columns {_listed(missing)}")
    unknown = [name or "(no name)" for name in names if name not in NAMES]
    if unknown:
        problems.append(
            f"The file has columns Collegium does not read: {_listed(unknown)}. Remove them, so "
            "that nothing more about pupils is sent than the columns in the template"
        )
    repeated = sorted({name for name in names if names.count(name) > 1 and name in NAMES})
    if repeated:
        problems.append(f"The header repeats {_listed(repeated)}")
    if problems:
        raise FileMistakes(problems)
    return {name: index for index, name in enumerate(names)}


class Mistakes:
    """The reasons found on each row, reported by line once every column is checked."""

    def __init__(self, lines: NDArray[np.int64]) -> None:
        self.lines = lines
        self.found: dict[int, list[str]] = defaultdict(list)

    def add(self, row: int, reason: str) -> None:
        self.found[row].append(reason)

    def raise_any(self) -> None:
        if self.found:
            messages = [
                f"Line {int(self.lines[row]):,}: " + "; ".join(reasons)
                for row, reasons in sorted(self.found.items())
            ]
            raise FileMistakes(_capped(messages))


def _capped(messages: list[str]) -> list[str]:
    if len(messages) <= MAX_REPORTED:
        return messages
    rest = len(messages) - MAX_REPORTED
    more = f"and {rest:,} more line{'s' if rest != 1 else ''} with mistakes"
    return [*messages[:MAX_REPORTED], more]


def _listed(names: Sequence[str]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _shown(value: str) -> str:
    """A value as a message quotes it: trimmed and cut, so a long cell cannot fill the page."""
    value = value.strip()
    return f"'{value[:20]}…'" if len(value) > 20 else f"'{value}'"


def _optional(values: Values | None, read: Callable[[Values], Any]) -> Any:
    return None if values is None else read(values)


def _keys(values: Values, mistakes: Mistakes) -> list[str]:
    keys = [value.strip() for value in values]
    distinct = set(keys)
    if (
        len(distinct) == len(keys)
        and "" not in distinct
        and max(map(len, keys)) <= MAX_KEY_LENGTH
        and not UPN_ON_A_LINE.search("\n".join(keys).upper())
    ):
        return keys  # the usual file: checked in a few passes, not key by key
    first_line: dict[str, int] = {}
    for row, key in enumerate(keys):
        if not key:
            mistakes.add(row, "the pupil key is missing")
        elif len(key) > MAX_KEY_LENGTH:
            mistakes.add(row, f"the pupil key is longer than {MAX_KEY_LENGTH} characters")
        elif UPN.fullmatch(key.upper()):
            mistakes.add(
                row,
                "the pupil key looks like a unique pupil number (UPN): use the school's "
                "pseudonymised key instead",
            )
        elif key in first_line:
            line = int(mistakes.lines[first_line[key]])
            mistakes.add(row, f"the pupil key is also on line {line:,}: each pupil appears once")
        else:
            first_line[key] = row
    return keys


def _numbers(values: Values, what: str, mistakes: Mistakes) -> NDArray[np.float64]:
    numbers = _floats(values)
    for row in np.flatnonzero(~np.isfinite(numbers)):
        value = values[int(row)]
        missing = not value.strip()
        mistakes.add(
            int(row), f"{what} is missing" if missing else f"{what} {_shown(value)} is not a number"
        )
    return numbers


def _floats(values: Values) -> NDArray[np.float64]:
    """Floats, all at once when every value reads (the usual case), else value by value with
    NaN for a value that does not read."""
    try:
        return np.array(values, dtype=float)
    except ValueError:
        return np.array([_number_or_nan(value) for value in values])


def _number_or_nan(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return float("nan")


def _codes(
    values: Values, codes: dict[str, bool], rule: str, mistakes: Mistakes
) -> NDArray[np.bool_]:
    """Yes or no for each value; each distinct value is read once (a column has a few)."""
    meaning = {value: codes.get(value.strip().upper()) for value in set(values)}
    if None in meaning.values():
        for row, value in enumerate(values):
            if meaning[value] is None:
                mistakes.add(row, f"{rule}, not {_shown(value)}")
    return np.array([meaning[value] is True for value in values], dtype=bool)


def _census(values: Values, codes: set[str], rule: str, mistakes: Mistakes) -> NDArray[np.str_]:
    """Census codes, trimmed and in capitals; each distinct value is read once."""
    code_of = {value: value.strip().upper() for value in set(values)}
    if not set(code_of.values()) <= codes:
        for row, value in enumerate(values):
            if code_of[value] not in codes:
                mistakes.add(row, f"{rule}, not {_shown(value)}")
    return np.array([code_of[value] for value in values], dtype="<U1")


def _months(values: Values, mistakes: Mistakes) -> NDArray[np.int64]:
    numbers = _floats(values)
    good = np.isfinite(numbers) & (numbers == np.round(numbers)) & (numbers >= 1) & (numbers <= 12)
    for row in np.flatnonzero(~good):
        mistakes.add(
            int(row),
            f"month of birth must be a whole number from 1 to 12, not {_shown(values[int(row)])}",
        )
    return np.where(good, numbers, 1).astype(np.int64)


def _idaci(values: Values, mistakes: Mistakes) -> NDArray[np.float64]:
    numbers = _floats(values)
    good = np.isfinite(numbers) & (numbers >= 0) & (numbers <= 1)
    for row in np.flatnonzero(~good):
        mistakes.add(
            int(row), f"IDACI must be a number from 0 to 1, not {_shown(values[int(row)])}"
        )
    return numbers


def _urns(values: Values, mistakes: Mistakes) -> NDArray[np.int64]:
    numbers = _floats(values)
    good = np.isfinite(numbers) & (numbers == np.round(numbers)) & (numbers > 0) & (numbers < 1e8)
    for row in np.flatnonzero(~good):
        value = values[int(row)]
        missing = not value.strip()
        mistakes.add(
            int(row), "the URN is missing" if missing else f"URN {_shown(value)} is not a URN"
        )
    return np.where(good, numbers, 0).astype(np.int64)
