"""Reading every source file into records keyed by natural key, with rejections and notes.

Nothing here writes to the database: a refused file stops the import before anything is
written, and the loader then writes everything in one transaction. Each file's rows are counted
and compared with its spec's minimum and with what the last import read from it.
"""

import logging
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from collegium.schools.importing.readers import FileRefused, read_rows
from collegium.schools.importing.sources import SOURCES, Record, Source

# A record's natural key (URN; URN and year; URN and date).
type Key = tuple[Any, ...]

log = logging.getLogger(__name__)

# The natural key of each table, and how a repeated key is described to a person.
KEYS: dict[str, tuple[str, ...]] = {
    "school": ("urn",),
    "trust": ("urn",),
    "coordinates": ("urn",),
    "census": ("urn", "year"),
    "absence": ("urn", "year"),
    "ks2": ("urn", "year"),
    "ks4": ("urn", "year"),
    "destination": ("urn", "year"),
    "finance": ("urn", "year"),
    "inspection": ("urn", "inspected_on"),
    "link": ("urn", "linked_urn", "link_type"),
}
KEY_WORDS = {
    ("urn",): "URN",
    ("urn", "year"): "URN and year",
    ("urn", "inspected_on"): "URN and inspection date",
    ("urn", "linked_urn", "link_type"): "URN, linked URN and link type",
}
# Tables where several files may give the same school: the first file read wins, quietly.
FIRST_WINS = {"coordinates"}
# A file (or kind of file) with more than this share fewer rows than the last import read is
# refused as cut short, unless the import is told the files really are smaller.
SHRINK_LIMIT = 0.10
SHRUNK = (
    "it may have been cut short. If the file really is smaller, import again with --allow-shrink."
)


@dataclass
class Rejection:
    file: str
    line: int
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "reason": self.reason}


@dataclass
class Collected:
    tables: dict[str, dict[Key, Record]] = field(default_factory=lambda: defaultdict(dict))
    rejections: list[Rejection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows_read: int = 0
    rows_skipped: int = 0
    file_rows: dict[str, int] = field(default_factory=dict)  # data rows read from each file


class Collector:
    def __init__(
        self,
        data_dir: Path,
        max_lengths: dict[str, dict[str, int]],
        previous_rows: dict[str, int] | None = None,
        allow_shrink: bool = False,
        progress: Callable[[float, str], None] | None = None,
    ):
        """previous_rows: the data rows of each file in the last import, to compare with;
        progress(fraction, message), told before each kind of file is read."""
        self.progress = progress
        self.data_dir = data_dir
        self.max_lengths = max_lengths
        self.previous_rows = previous_rows or {}
        self.allow_shrink = allow_shrink
        self.out = Collected()
        self.origins: dict[str, dict[Key, tuple[str, int]]] = defaultdict(dict)
        self.school_urns: set[int] = set()
        self.inspection_dates: dict[int, list[date]] = defaultdict(list)
        self.skipped: Counter[str] = Counter()

    def collect(self) -> Collected:
        if not self.data_dir.is_dir():
            raise FileRefused(f"The data directory {self.data_dir} does not exist.")
        for done, source in enumerate(SOURCES):
            if self.progress:
                fraction = 0.9 * done / len(SOURCES)
                self.progress(fraction, f"Reading {source.pattern} ({done + 1} of {len(SOURCES)})")
            self.read_source(source)
            if source.table == "school":
                self.school_urns = {key[0] for key in self.out.tables["school"]}
        return self.out

    def read_source(self, source: Source) -> None:
        paths = sorted(self.data_dir.glob(source.pattern))
        if not paths and not source.optional:
            raise FileRefused(f"{source.pattern} is missing from {self.data_dir}.")
        if not paths:
            self.out.notes.append(f"Skipped {source.pattern}: not in the data directory.")
        for path in paths:
            self.read_file(source, path)
        self.check_source_rows(source, [self.name(path) for path in paths])

    def name(self, path: Path) -> str:
        return path.relative_to(self.data_dir).as_posix()

    def read_file(self, source: Source, path: Path) -> None:
        name, rows = self.name(path), 0
        lines = read_rows(path, name, source.required, final_newline=source.final_newline)
        for line, row in lines:
            rows += 1
            try:
                parsed = source.parse(row)
                if parsed is None:
                    self.skip(source.skipped_rows)
                elif isinstance(parsed, list):  # a row giving several years
                    for record in parsed:
                        self.accept(source, name, line, record)
                else:
                    self.accept(source, name, line, parsed)
            except ValueError as err:
                self.reject(name, line, _sentence(str(err)))
        self.check_file_rows(source, name, rows)
        self.out.rows_read += rows
        self.out.file_rows[name] = rows
        log.info("Read %s rows from %s", rows, name)
        for reason, count in sorted(self.skipped.items()):
            noun = "row" if count == 1 else "rows"
            self.out.notes.append(f"{name}: skipped {count:,} {noun} ({reason}).")
        self.out.rows_skipped += sum(self.skipped.values())
        self.skipped.clear()

    def check_file_rows(self, source: Source, name: str, rows: int) -> None:
        if rows < source.min_rows:
            raise FileRefused(_too_few_rows(name, rows, source.min_rows))
        before = self.previous_rows.get(name)
        if before is not None and self.shrunk(rows, before):
            raise FileRefused(
                f"{name} has {rows:,} rows, {_drop(rows, before)} fewer than the {before:,} "
                f"the last import read: {SHRUNK}"
            )

    def check_source_rows(self, source: Source, names: list[str]) -> None:
        """All the files of a kind together, so a missing or renamed file is compared too."""
        previous = self.previous_rows.items()
        before = sum(rows for name, rows in previous if fnmatchcase(name, source.pattern))
        rows = sum(self.out.file_rows[name] for name in names)
        if not before or not self.shrunk(rows, before):
            return
        if not names:
            raise FileRefused(
                f"{source.pattern} is missing, but the last import read {before:,} rows from "
                "it. If it is no longer published, import again with --allow-shrink."
            )
        raise FileRefused(
            f"The files matching {source.pattern} have {rows:,} rows, {_drop(rows, before)} "
            f"fewer than the {before:,} the last import read: {SHRUNK}"
        )

    def shrunk(self, rows: int, before: int) -> bool:
        return not self.allow_shrink and rows < before * (1 - SHRINK_LIMIT)

    def skip(self, reason: str) -> None:
        self.skipped[reason] += 1

    def accept(self, source: Source, name: str, line: int, record: Record) -> None:
        urn = record["urn"]
        if source.needs_school and urn not in self.school_urns:
            raise ValueError(f"URN {urn} is not in the school list")
        self.check_lengths(source.table, record)
        days = source.same_inspection_within_days
        if days and self.seen_recently(urn, record["inspected_on"], days):
            self.skip(f"same inspection as an earlier file, dated up to {days} days before")
            return
        key = tuple(record[part] for part in KEYS[source.table])
        table = self.out.tables[source.table]
        if key in table:
            if source.table in FIRST_WINS:
                self.skip(f"{source.table} already given by an earlier file")
                return
            raise ValueError(self.repeat_reason(source.table, key, name))
        table[key] = record
        self.origins[source.table][key] = (name, line)
        if source.table == "inspection":
            self.inspection_dates[urn].append(record["inspected_on"])

    def check_lengths(self, table: str, record: Record) -> None:
        for column, limit in self.max_lengths.get(table, {}).items():
            value = record.get(column)
            if value.__class__ is str and len(value) > limit:
                raise ValueError(f"The {column.replace('_', ' ')} is over {limit} characters")

    def seen_recently(self, urn: int, on: date, days: int) -> bool:
        earliest = on - timedelta(days=days)
        return any(earliest <= seen <= on for seen in self.inspection_dates.get(urn, ()))

    def repeat_reason(self, table: str, key: Key, name: str) -> str:
        first_file, first_line = self.origins[table][key]
        where = f"line {first_line}" + ("" if first_file == name else f" of {first_file}")
        return f"Repeats the {KEY_WORDS[KEYS[table]]} of {where}"

    def reject(self, name: str, line: int, reason: str) -> None:
        self.out.rejections.append(Rejection(name, line, reason))


def _too_few_rows(name: str, rows: int, minimum: int) -> str:
    if not rows:
        return f"{name} has a header on line 1 but no rows: the file may have been cut short."
    return (
        f"{name} has {rows:,} rows, but a complete file has at least {minimum:,}: "
        "the file may have been cut short."
    )


def _drop(rows: int, before: int) -> str:
    return f"{(before - rows) / before:.0%}"


def _sentence(reason: str) -> str:
    return reason[:1].upper() + reason[1:]
