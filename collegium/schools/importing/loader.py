"""Import the school register from a directory of DfE and Ofsted files.

All files are read and checked first; then everything is written inside one transaction, so a
refused file leaves the database as it was. Each table is compared with what is already stored
(by natural key): new rows are created, changed rows updated, unchanged rows left alone, so
re-running an import on the same files changes nothing.
"""

import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from collegium.schools.comparators import comparator_rows
from collegium.schools.importing.collect import Collected, Collector
from collegium.schools.importing.readers import postcode_district, read_rows, to_int, to_text
from collegium.schools.importing.sources import Record
from collegium.schools.models import (
    Absence,
    Census,
    Comparator,
    CoordinateSource,
    Finance,
    ImportRun,
    Inspection,
    KeyStage2Result,
    KeyStage4Destination,
    KeyStage4Result,
    LocalAuthority,
    School,
    SchoolLink,
)

log = logging.getLogger(__name__)

LA_NAMES = Path(__file__).resolve().parent.parent / "data" / "local_authorities.csv"
PENNY = Decimal("0.01")
BATCH = 5000  # statements per executemany
ROWS_PER_INSERT = 500

# Register table -> model, written in this order (schools before what refers to them).
YEARLY: dict[str, type[models.Model]] = {
    "census": Census,
    "absence": Absence,
    "ks2": KeyStage2Result,
    "ks4": KeyStage4Result,
    "destination": KeyStage4Destination,
    "finance": Finance,
}
COMPARATOR_KEY = ("measure", "year", "phase", "area")
MODELS: dict[str, type[models.Model]] = {
    "school": School,
    **YEARLY,
    "inspection": Inspection,
    "link": SchoolLink,
    "trust": School,
}


@dataclass
class ImportResult:
    run_id: int
    schools: int
    rows_read: int
    rows_rejected: int
    rows_changed: int
    rows_skipped: int
    seconds: float
    rejections: list[dict[str, Any]]
    notes: list[str]
    changed: dict[str, int] = field(default_factory=dict)


class RunAbandoned(Exception):
    """The run was marked failed while the import worked: nothing it did is kept."""


def import_register(
    data_dir: Path,
    allow_shrink: bool = False,
    *,
    run: ImportRun | None = None,
    progress: Callable[[float, str], None] | None = None,
) -> ImportResult:
    """Read every source file under data_dir and bring the register in line with them.

    Raises readers.FileRefused (nothing written) when a file cannot be used at all: unreadable,
    cut short, or with far fewer rows than the last import read from it (unless allow_shrink).
    `run`: the queued run of an upload (schools.tasks), filled in; otherwise a new one is made.
    `progress(fraction, message)` is told as each file is read.
    """
    started, clock = timezone.now(), time.monotonic()
    previous = _last_file_rows()
    collector = Collector(Path(data_dir), _max_lengths(), previous, allow_shrink, progress)
    collected = collector.collect()
    la_names = _local_authority_names(collected)
    _add_coordinates(collected)
    _add_trust_names(collected)
    _add_per_pupil(collected)
    if progress:
        progress(0.9, "Writing the register")
    with transaction.atomic():
        if run is None:
            run = ImportRun.objects.create(source_dir=str(data_dir))
        else:
            started = run.started_at
        changed = {"local authority": _sync(LocalAuthority, ("code",), la_names)}
        changed["school"] = _sync(School, ("urn",), _school_rows(collected))
        for table, model in YEARLY.items():
            changed[table] = _sync(model, ("school_id", "year"), _child_rows(collected, table))
        changed["inspection"] = _sync(
            Inspection, ("school_id", "inspected_on"), _child_rows(collected, "inspection")
        )
        links = collected.tables["link"].values()
        changed["link"] = _sync(SchoolLink, ("urn", "linked_urn", "link_type"), links)
        changed["comparator"] = refresh_comparators()
        result = _finish(run, started, clock, collected, changed)
    log.info("Imported %s schools in %.1f s", result.schools, result.seconds)
    return result


def refresh_comparators() -> int:
    """Work out the local-authority and England figures again from what the register holds and
    store those that changed (dropping any no school gives any more); return rows written."""
    rows = comparator_rows()
    fresh = {tuple(row[part] for part in COMPARATOR_KEY) for row in rows}
    stale = [
        pk
        for pk, *key in Comparator.objects.values_list("pk", *COMPARATOR_KEY).iterator()
        if tuple(key) not in fresh
    ]
    Comparator.objects.filter(pk__in=stale).delete()
    return _sync(Comparator, COMPARATOR_KEY, rows) + len(stale)


def _finish(
    run: ImportRun, started: datetime, clock: float, collected: Collected, changed: dict[str, int]
) -> ImportResult:
    rejections = [rejection.as_dict() for rejection in collected.rejections]
    expected = run.status  # an upload's run: RUNNING, unless it was failed meanwhile
    finished = {
        "started_at": started,
        "finished_at": timezone.now(),
        "rows_read": collected.rows_read,
        "rows_rejected": len(rejections),
        "rows_changed": sum(changed.values()),
        "rejections": rejections,
        "notes": collected.notes,
        "file_rows": collected.file_rows,
        "status": ImportRun.Status.DONE,
        "progress": 1.0,
    }
    # Only the fields named, and only if the run is as this worker left it: a run failed as
    # stale while it worked stays failed, and its import is rolled back.
    if not ImportRun.objects.filter(pk=run.pk, status=expected).update(**finished):
        raise RunAbandoned(f"The import run {run.pk} was no longer {expected}")
    for name, value in finished.items():
        setattr(run, name, value)
    return ImportResult(
        run_id=run.pk,
        schools=School.objects.count(),
        rows_read=run.rows_read,
        rows_rejected=run.rows_rejected,
        rows_changed=run.rows_changed,
        rows_skipped=collected.rows_skipped,
        seconds=round(time.monotonic() - clock, 2),
        rejections=rejections,
        notes=collected.notes,
        changed=changed,
    )


def _last_file_rows() -> dict[str, int]:
    """The rows of each file in the last import (refused imports are not recorded)."""
    done = ImportRun.objects.filter(finished_at__isnull=False, status=ImportRun.Status.DONE)
    last = done.order_by("-pk").first()
    return last.file_rows if last else {}


def _max_lengths() -> dict[str, dict[str, int]]:
    """CharField limits per table, so a long value rejects its row instead of the whole import."""
    limits: dict[str, dict[str, int]] = {}
    for table, model in MODELS.items():
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.CharField) and model_field.max_length:
                limits.setdefault(table, {})[model_field.name] = model_field.max_length
    return limits


def known_local_authorities() -> dict[int, str]:
    """The names of the local authorities by code, from the list shipped with the importer."""
    known: dict[int, str] = {}
    for _line, row in read_rows(LA_NAMES, LA_NAMES.name, ("code", "name")):
        code = to_int(row["code"], "code")
        if code is not None:
            known[code] = to_text(row["name"])
    return known


def _local_authority_names(collected: Collected) -> list[Record]:
    known = known_local_authorities()
    codes = sorted({s["la_code"] for s in collected.tables["school"].values() if s["la_code"]})
    for code in codes:
        if code not in known:
            collected.notes.append(
                f"Local authority {code} has no name in {LA_NAMES.name}: "
                f'imported as "Local authority {code}".'
            )
    return [{"code": code, "name": known.get(code, f"Local authority {code}")} for code in codes]


def _add_coordinates(collected: Collected) -> None:
    """File coordinates where given; else the mean of the school's postcode district."""
    from_file = {key[0]: record for key, record in collected.tables["coordinates"].items()}
    schools = collected.tables["school"].values()
    by_district: dict[str, list[Record]] = defaultdict(list)
    for school in schools:
        if school["urn"] in from_file:
            by_district[postcode_district(school["postcode"])].append(from_file[school["urn"]])
    by_district.pop("", None)
    for school in schools:
        point = from_file.get(school["urn"])
        source = CoordinateSource.FILE
        if point is None:
            nearby = by_district.get(postcode_district(school["postcode"]), [])
            point = _mean_point(nearby)
            source = CoordinateSource.POSTCODE_DISTRICT if point else CoordinateSource.NONE
        school["latitude"] = point["latitude"] if point else None
        school["longitude"] = point["longitude"] if point else None
        school["coordinate_source"] = source.value


def _mean_point(points: list[Record]) -> Record | None:
    if not points:
        return None
    return {
        name: round(sum(point[name] for point in points) / len(points), 6)
        for name in ("latitude", "longitude")
    }


def _add_trust_names(collected: Collected) -> None:
    """Schools the trust file names a trust for get it; others keep theirs (people may edit it)."""
    schools = collected.tables["school"]
    for key, record in collected.tables["trust"].items():
        schools[key]["trust_name"] = record["trust_name"]


def _add_per_pupil(collected: Collected) -> None:
    """Income and expenditure divided by the pupils on roll in the census nearest the finance
    year.

    The data has one census (January 2019), so every finance year uses its NOR. A school with
    no census, or none on roll, gets no figure.
    """
    pupils: dict[int, dict[int, int]] = defaultdict(dict)
    for (urn, year), census in collected.tables["census"].items():
        if census["pupils"]:
            pupils[urn][year] = census["pupils"]
    for (urn, year), finance in collected.tables["finance"].items():
        years = pupils.get(urn)
        for amount in ("income", "expenditure"):
            finance[f"{amount}_per_pupil"] = None
            if years and finance[amount] is not None:
                nearest = min(
                    years, key=lambda census_year: (abs(census_year - year), -census_year)
                )
                finance[f"{amount}_per_pupil"] = (finance[amount] / years[nearest]).quantize(PENNY)


def _school_rows(collected: Collected) -> list[Record]:
    rows = []
    for record in collected.tables["school"].values():
        row = {name: value for name, value in record.items() if name != "la_code"}
        row["local_authority_id"] = record["la_code"]
        row["added_by_hand"] = False  # a DfE file gives the school: its details win
        rows.append(row)
    return rows


def _child_rows(collected: Collected, table: str) -> list[Record]:
    rows = []
    for record in collected.tables[table].values():
        row = {name: value for name, value in record.items() if name != "urn"}
        row["school_id"] = record["urn"]
        rows.append(row)
    return rows


def _sync(model: type[models.Model], key: tuple[str, ...], rows: Iterable[Record]) -> int:
    """Create rows that are new, update rows that differ, leave the rest; return rows written."""
    pk_name = model._meta.pk.attname
    by_key = {tuple(row[part] for part in key): row for row in rows}
    names = sorted({name for row in by_key.values() for name in row} - {pk_name})
    stored = {
        tuple(values[part] for part in key): values
        for values in model._default_manager.values(pk_name, *names).iterator(chunk_size=5000)
    }
    new: list[Record] = []
    changed: dict[tuple[str, ...], list[tuple[Any, Record]]] = defaultdict(list)
    for row_key, row in by_key.items():
        old = stored.get(row_key)
        if old is None:
            new.append(row)
        elif any(old[name] != value for name, value in row.items()):
            fields = tuple(sorted(name for name in row if name not in key))
            changed[fields].append((old[pk_name], row))
    _insert(model, new)
    for fields, updates in changed.items():
        _update(model, fields, updates)
    return len(new) + sum(len(updates) for updates in changed.values())


# Plain multi-row INSERTs rather than bulk_create: building Django's SQL took most of the
# national import's time. The values are already clean Python values (int, float, str, bool,
# date, Decimal, None) that sqlite3 (with Django's adapters) and psycopg take as they are.
def _insert(model: type[models.Model], rows: list[Record]) -> None:
    columns = [f for f in model._meta.concrete_fields if f is not model._meta.auto_field]
    defaults = [(f.attname, f.get_default()) for f in columns]
    values = [[row.get(name, default) for name, default in defaults] for row in rows]
    limit = connection.features.max_query_params or 2**16 - 1
    per_statement = max(1, min(ROWS_PER_INSERT, limit // len(columns)))
    head = "INSERT INTO {} ({}) VALUES ".format(
        _quote(model._meta.db_table), ", ".join(_quote(f.column) for f in columns)
    )
    one_row = "({})".format(", ".join(["%s"] * len(columns)))

    def statement(count: int) -> str:
        return head + ", ".join([one_row] * count)

    def flat(chunk: list[list[Any]]) -> list[Any]:
        return [value for row in chunk for value in row]

    full = len(values) // per_statement * per_statement
    groups = [flat(values[at : at + per_statement]) for at in range(0, full, per_statement)]
    _execute_many(statement(per_statement), groups)
    if full < len(values):
        _execute_many(statement(len(values) - full), [flat(values[full:])])


def _update(
    model: type[models.Model], names: tuple[str, ...], updates: list[tuple[Any, Record]]
) -> None:
    meta = model._meta
    by_name = {f.attname: f for f in meta.concrete_fields}
    columns = [by_name[name].column for name in names]
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        _quote(meta.db_table),
        ", ".join(f"{_quote(column)} = %s" for column in columns),
        _quote(meta.pk.column),
    )
    _execute_many(sql, [[row[name] for name in names] + [pk] for pk, row in updates])


def _execute_many(sql: str, params: list[list[Any]]) -> None:
    with connection.cursor() as cursor:
        for start in range(0, len(params), BATCH):
            cursor.executemany(sql, params[start : start + BATCH])


def _quote(name: str | None) -> str:
    return connection.ops.quote_name(str(name))
