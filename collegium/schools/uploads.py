"""Refreshing the register from DfE and Ofsted files uploaded in the browser (ADR 0022).

An upload is checked whole before anything is stored: each file must be one the import reads
(`importing.sources`, matched by its file name), a CSV under MAX_BYTES with the columns it needs
and every row readable. The files are then kept in the database with a queued run, and the task
`schools.tasks.import_uploaded` imports them with the latest earlier upload of every file not
uploaded this time. Status changes: queued → running → done, or failed from queued or running.
"""

import tempfile
from collections.abc import Iterable, Iterator
from datetime import timedelta
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.schools import notices
from collegium.schools.importing.readers import FileRefused, read_rows
from collegium.schools.importing.sources import SOURCES, Source
from collegium.schools.models import ImportRun, RegisterFile

MAX_BYTES = 100 * 1024 * 1024  # the national spine is about 6 MB, GIAS's full extract 60 MB
MAX_MB = MAX_BYTES // (1024 * 1024)
MAX_FILES = 40
MAX_TOTAL_BYTES = 250 * 1024 * 1024  # all the files of one upload together
MAX_TOTAL_MB = MAX_TOTAL_BYTES // (1024 * 1024)
STALE_AFTER = timedelta(hours=2)  # a run still unfinished this long after it began lost its worker
NEVER_BEGAN_AFTER = timedelta(hours=12)  # a run queued this long ago that no worker took
RUN_FIELDS = ["status", "uploads", "allow_shrink", "rows_read", "rows_rejected", "rows_changed"]
Status = ImportRun.Status
SOURCE_DIR = "Files uploaded in the browser"
# The loader's advice names the command's option; on the page it is the tick box.
SHRINK_ADVICE = (
    "import again with --allow-shrink",
    'upload again and tick "The files really are smaller"',
)


def file_names() -> list[str]:
    """The file names the import reads, as a person would choose them (a * stands for any)."""
    return list(dict.fromkeys(source.pattern.rpartition("/")[2] for source in SOURCES))


def _candidates(name: str) -> list[tuple[str, Source]]:
    """Where a file of this name goes in the data directory, and what it is: exact names first."""
    found = []
    for source in SOURCES:
        folder, _, pattern = source.pattern.rpartition("/")
        if fnmatchcase(name, pattern):
            found.append((f"{folder}/{name}" if folder else name, source))
    return sorted(found, key=lambda item: "*" in item[1].pattern)


def check_files(uploads: Iterable[tuple[str, bytes]]) -> dict[str, bytes]:
    """The uploaded files by their place in the data directory, or every reason they are not
    usable (a ValidationError listing them)."""
    files: dict[str, bytes] = {}
    problems: list[str] = []
    uploads = list(uploads)
    if len(uploads) > MAX_FILES:
        raise ValidationError(f"Choose {MAX_FILES} files or fewer")
    with tempfile.TemporaryDirectory() as folder:
        for name, content in uploads:
            name = Path(name).name
            try:
                path = _check_one(Path(folder), name, content)
            except FileRefused as err:
                problems.append(str(err).rstrip("."))
                continue
            if path in files:
                problems.append(f"{name} is chosen twice")
            files[path] = content
    if problems:
        raise ValidationError(problems)
    if not files:
        raise ValidationError("Choose the files to upload")
    return files


def _check_one(folder: Path, name: str, content: bytes) -> str:
    if len(content) > MAX_BYTES:
        raise FileRefused(f"{name} is larger than {MAX_MB} MB: each file must be smaller")
    if not name.lower().endswith(".csv"):
        raise FileRefused(f"{name} is not a CSV file: upload the CSV files as published")
    candidates = _candidates(name)
    if not candidates:
        raise FileRefused(f"{name} is not one of the files the register import reads")
    refusal = None
    for path, source in candidates:
        try:
            _read_whole(folder, path, source, content)
            return path
        except FileRefused as err:
            refusal = refusal or err
    assert refusal is not None
    raise refusal


def _read_whole(folder: Path, path: str, source: Source, content: bytes) -> None:
    """Read every row as the import will, so a damaged file is refused now, not in the task."""
    target = folder / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    for _row in read_rows(target, path, source.required, final_newline=source.final_newline):
        pass


def start_import(actor: Any, uploads: Iterable[tuple[str, bytes]], allow_shrink: bool) -> ImportRun:
    """Store the checked files with a queued run and queue the task that imports them."""
    files = check_files(uploads)
    with transaction.atomic():
        _fail_stale()
        if ImportRun.objects.filter(status__in=ImportRun.ACTIVE).exists():
            raise ALREADY_RUNNING
        run = _queue(actor, allow_shrink, files)
        RegisterFile.objects.bulk_create(
            RegisterFile(run=run, name=path, content=content) for path, content in files.items()
        )
        record_change(actor, verbs.REGISTER_IMPORT_STARTED, run, None, snapshot(run, RUN_FIELDS))
    from collegium.schools.tasks import import_uploaded

    import_uploaded.enqueue(run.pk)
    return run


ALREADY_RUNNING = ValidationError("An import is already running: wait for it to finish")


def _queue(actor: Any, allow_shrink: bool, files: dict[str, bytes]) -> ImportRun:
    """The queued run; refused if another upload queued one since the check (the database
    allows one active run: `one_active_import_run`)."""
    try:
        with transaction.atomic():
            return ImportRun.objects.create(
                status=Status.QUEUED,
                started_by=actor,
                source_dir=SOURCE_DIR,
                allow_shrink=allow_shrink,
                uploads=[{"name": path, "bytes": len(content)} for path, content in files.items()],
            )
    except IntegrityError:
        raise ALREADY_RUNNING from None


def _fail_stale() -> None:
    """Fail the runs that lost their worker: running too long since a worker began it, or
    queued long ago and never begun."""
    now = timezone.now()
    lost = Q(status=Status.RUNNING, began_at__lt=now - STALE_AFTER) | Q(
        status__in=ImportRun.ACTIVE, began_at__isnull=True, started_at__lt=now - NEVER_BEGAN_AFTER
    )
    stale = ImportRun.objects.select_for_update().filter(lost)
    for run in stale:
        _mark_failed(run, "The import stopped without finishing, perhaps because its worker "
                     "restarted. Nothing was imported.")  # fmt: skip


def begin(run_id: int) -> ImportRun | None:
    """Mark a queued run as running; None if it is not queued (already taken by a worker)."""
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status != Status.QUEUED:
            return None
        run.status, run.progress_message = Status.RUNNING, "Starting"
        run.began_at = timezone.now()
        run.save(update_fields=["status", "progress_message", "began_at"])
    return run


def report_progress(run_id: int, fraction: float, message: str) -> None:
    ImportRun.objects.filter(pk=run_id, status=Status.RUNNING).update(
        progress=max(0.0, min(fraction, 1.0)), progress_message=message[:300]
    )


def files_to_import(run: ImportRun) -> Iterator[tuple[str, bytes]]:
    """This run's files, and for every other file the newest one an earlier upload imported."""
    given = set(run.files.values_list("name", flat=True))
    for stored in run.files.all():
        yield stored.name, bytes(stored.content)
    earlier = RegisterFile.objects.filter(run__status=Status.DONE).exclude(name__in=given)
    seen: set[str] = set()
    for stored in earlier.order_by("name", "-run_id").iterator(chunk_size=1):
        if stored.name not in seen:
            seen.add(stored.name)
            yield stored.name, bytes(stored.content)


def finish(run_id: int) -> None:
    """Record the finished import and drop the earlier copies of the files it replaced."""
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run_id)
        if run.status != Status.DONE:  # failed meanwhile (stale): its import was rolled back
            return
        names = run.files.values_list("name", flat=True)
        RegisterFile.objects.filter(name__in=list(names)).exclude(run=run).delete()
        record_change(None, verbs.REGISTER_IMPORT_FINISHED, run, None, snapshot(run, RUN_FIELDS))


def fail(run_id: int, error: str) -> None:
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run_id)
        if run.is_active:
            _mark_failed(run, error.replace(*SHRINK_ADVICE))


def _mark_failed(run: ImportRun, error: str) -> None:
    before = snapshot(run, RUN_FIELDS)
    run.status, run.error, run.finished_at = Status.FAILED, error[:2000], timezone.now()
    marked = ImportRun.objects.filter(pk=run.pk, status__in=ImportRun.ACTIVE).update(
        status=run.status, error=run.error, finished_at=run.finished_at
    )
    if not marked:
        return
    # Nothing was imported, or will be: a worker still running it cannot finish (the loader
    # finishes only a run still running), so its files are not kept.
    run.files.all().delete()
    record_change(None, verbs.REGISTER_IMPORT_FAILED, run, before, snapshot(run, RUN_FIELDS))
    notices.import_failed(run)  # emailed once the failure commits
