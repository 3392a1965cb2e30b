"""Uploading a pupil file: every row checked, nothing stored unless the whole file is valid.

`upload_pupil_file` reads the file (`reading.py`: every mistake named with its line), checks
each row's school (a school uploads only its own pupils; a network file names schools of the
register), hashes the pupil keys (`keys.py`), then in one transaction stores the file and its
pupils, records the upload in the audit trail and queues the task that fits the contextual
value added of every school with pupils for that year and measure (`fitting.py`: a national
fit takes seconds, too long for a request). A refusal is a ValidationError with one message
per line that is wrong; nothing is stored.
"""

from itertools import batched, repeat
from typing import Any

import numpy as np
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from numpy.typing import NDArray

from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.context import counts, fitting, keys
from collegium.context.models import (
    CensusCount,
    CensusCountFile,
    Measure,
    PupilFile,
    PupilRecord,
)
from collegium.context.reading import MAX_REPORTED, FileMistakes, PupilRows, read_pupil_file
from collegium.context.tasks import work_out_value_added
from collegium.schools.models import School

MAX_BYTES = 64 * 1024 * 1024  # a national file of 600,000 pupils is about 30 MB
MAX_MB = MAX_BYTES // (1024 * 1024)
TOO_BIG = f"The file must be smaller than {MAX_MB} MB"
BATCH = 5_000  # pupils written per statement
AUDITED = ["school_id", "year", "measure", "file_name", "pupils", "schools", "synthetic"]
COUNTS_AUDITED = ["school_id", "file_name", "counts", "schools", "synthetic"]


def upload_pupil_file(
    actor: Any,
    *,
    school: School | None,
    year: int,
    measure: str,
    file_name: str,
    content: bytes,
    synthetic: bool = False,
    background: bool = True,
) -> PupilFile:
    """Store a school's pupil file (`school`), or the network's file for many schools (None),
    and have the contextual value added worked out again: by the task worker (`background`,
    queued in the same transaction, so it runs once the pupils are committed), or at once (the
    demo loader, the benchmark); a ValidationError stores nothing."""
    if len(content) > MAX_BYTES:
        raise ValidationError(TOO_BIG)
    Measure(measure)  # ValueError for a measure that is not one
    try:
        rows = read_pupil_file(content, urn_required=school is None)
    except FileMistakes as mistakes:
        raise ValidationError(mistakes.messages) from None
    urns = _schools_of(rows, school)
    hashed = keys.hash_keys(rows.keys)
    with transaction.atomic():
        pupil_file = PupilFile.objects.create(
            school=school,
            year=year,
            measure=measure,
            file_name=file_name[:200],
            pupils=len(rows),
            schools=len(np.unique(urns)),
            synthetic=synthetic,
            key_secret=keys.secret_fingerprint(),
            uploaded_by=actor,
        )
        _store(pupil_file, rows, urns, hashed)
        record_change(
            actor, verbs.PUPIL_FILE_UPLOADED, pupil_file, None, snapshot(pupil_file, AUDITED)
        )
        if background:
            work_out_value_added.enqueue(pupil_file.pk)
    if not background:
        fitting.work_out(pupil_file.pk)
    pupil_file.refresh_from_db()
    return pupil_file


def _schools_of(rows: PupilRows, school: School | None) -> NDArray[np.int64]:
    """Each row's school: the school uploading (a urn column, if any, must name it), or the
    school its urn names, which must be in the register."""
    if school is not None:
        if rows.urns is not None:
            _refuse_rows(
                rows,
                rows.urns != school.urn,
                lambda urn: (
                    f"URN {urn} is not this school's ({school.urn}): a school uploads "
                    "only its own pupils"
                ),
            )
        return np.full(len(rows), school.urn, dtype=np.int64)
    assert rows.urns is not None  # read_pupil_file requires the column for a network file
    named = np.unique(rows.urns)
    known = set(School.objects.filter(urn__in=named.tolist()).values_list("urn", flat=True))
    unknown = ~np.isin(rows.urns, np.fromiter(known, dtype=np.int64, count=len(known)))
    _refuse_rows(rows, unknown, lambda urn: f"URN {urn} is not a school in the register")
    return rows.urns


def _refuse_rows(rows: PupilRows, wrong: NDArray[np.bool_], reason: Any) -> None:
    found = np.flatnonzero(wrong)
    if not len(found):
        return
    assert rows.urns is not None
    messages = [
        f"Line {int(rows.lines[row]):,}: {reason(int(rows.urns[row]))}"
        for row in found[:MAX_REPORTED]
    ]
    if len(found) > MAX_REPORTED:
        rest = len(found) - MAX_REPORTED
        messages.append(f"and {rest:,} more line{'s' if rest != 1 else ''} with mistakes")
    raise ValidationError(messages)


def _store(
    pupil_file: PupilFile, rows: PupilRows, urns: NDArray[np.int64], hashed: list[str]
) -> None:
    """The pupils, written with one prepared INSERT run over batches of rows: a national file
    has 600,000 of them, and building a model instance and compiling SQL for each pupil
    (bulk_create) took most of the upload's time."""
    idaci = rows.idaci.tolist() if rows.idaci is not None else [None] * len(rows)
    values = zip(
        repeat(pupil_file.pk),
        urns.tolist(),
        hashed,
        rows.prior_attainment.tolist(),
        rows.outcome.tolist(),
        rows.fsm.tolist(),
        rows.eal.tolist(),
        rows.sen.tolist(),
        rows.gender.tolist(),
        rows.birth_month.tolist(),
        idaci,
    )
    insert = _insert_statement()
    with connection.cursor() as cursor:
        for batch in batched(values, BATCH):
            cursor.executemany(insert, batch)


def _insert_statement() -> str:
    meta = PupilRecord._meta
    quote = connection.ops.quote_name
    column_of = {field.name: str(field.column) for field in meta.concrete_fields}
    columns = ", ".join(quote(column_of[name]) for name in STORED)
    placeholders = ", ".join(["%s"] * len(STORED))
    return f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders})"


STORED = [
    "file",
    "school",
    "key_hash",
    "prior_attainment",
    "outcome",
    "fsm",
    "eal",
    "sen",
    "gender",
    "birth_month",
    "idaci",
]


def upload_census_counts(
    actor: Any, *, school: School | None, file_name: str, content: bytes, synthetic: bool = False
) -> CensusCountFile:
    """D4: store census counts per school, academic year and year group (a school's own, or the
    network's for many schools, with a urn column); every line checked and nothing stored
    unless all are right. A count already held for the school, year and year group is
    replaced."""
    if len(content) > MAX_BYTES:
        raise ValidationError(TOO_BIG)
    try:
        found = counts.read_counts(content, urn_required=school is None)
    except FileMistakes as mistakes:
        raise ValidationError(mistakes.messages) from None
    if school is not None:
        found = {(school.urn, year, group): n for (_, year, group), n in found.items()}
    urns = {urn for urn, _, _ in found}
    unknown = urns - set(School.objects.filter(urn__in=urns).values_list("urn", flat=True))
    if unknown:
        raise ValidationError(
            [f"URN {urn} is not a school in the register" for urn in sorted(unknown)]
        )
    with transaction.atomic():
        upload = CensusCountFile.objects.create(
            school=school, file_name=file_name[:200], counts=len(found), schools=len(urns),
            synthetic=synthetic, uploaded_by=actor,
        )  # fmt: skip
        _replace_counts(upload, found)
        record_change(
            actor, verbs.CENSUS_COUNTS_UPLOADED, upload, None, snapshot(upload, COUNTS_AUDITED)
        )
    return upload


def _replace_counts(upload: CensusCountFile, found: dict[counts.Key, int]) -> None:
    held = CensusCount.objects.filter(school_id__in={urn for urn, _, _ in found})
    stale = [pk for pk, *key in held.values_list("pk", "school_id", "year", "year_group")
             if tuple(key) in found]  # fmt: skip
    CensusCount.objects.filter(pk__in=stale).delete()
    CensusCount.objects.bulk_create(
        CensusCount(file=upload, school_id=urn, year=year, year_group=group, pupils=pupils)
        for (urn, year, group), pupils in found.items()
    )
