"""The register upload's runs stay as they are: a run that lost its worker is failed by the
next upload and not revived when the worker finishes, only one run is ever active, and the
upload form counts and weighs the files before reading any."""

import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from collegium.schools import forms, uploads
from collegium.schools.importing.loader import RunAbandoned, import_register
from collegium.schools.models import ImportRun, RegisterFile, School
from collegium.schools.tests.test_import_register import DEMO

Status = ImportRun.Status
UPLOAD = reverse("schools:upload")


def queued(**fields) -> ImportRun:
    run = ImportRun.objects.create(status=Status.QUEUED, source_dir=uploads.SOURCE_DIR, **fields)
    RegisterFile.objects.create(run=run, name="a.csv", content=b"x")
    return run


def fail_stale() -> None:
    with transaction.atomic():
        uploads._fail_stale()


@pytest.mark.django_db
def test_a_run_failed_as_stale_is_not_revived_when_its_worker_finishes(tmp_path):
    run = queued()
    worker_copy = uploads.begin(run.pk)
    assert worker_copy is not None and worker_copy.began_at is not None
    ImportRun.objects.filter(pk=run.pk).update(began_at=timezone.now() - timedelta(hours=3))
    fail_stale()  # the next upload finds it lost

    with pytest.raises(RunAbandoned):
        import_register(Path(shutil.copytree(DEMO, tmp_path / "data")), run=worker_copy)
    uploads.finish(run.pk)

    run.refresh_from_db()
    assert run.status == Status.FAILED and "stopped without finishing" in run.error
    assert not School.objects.exists()  # the worker's import was rolled back
    assert not run.files.exists()


@pytest.mark.django_db
def test_staleness_counts_from_when_the_worker_began_not_from_queueing():
    long_queued = queued()
    ImportRun.objects.filter(pk=long_queued.pk).update(
        started_at=timezone.now() - timedelta(hours=5)
    )
    uploads.begin(long_queued.pk)  # a worker took it only now
    fail_stale()
    long_queued.refresh_from_db()
    assert long_queued.status == Status.RUNNING and long_queued.files.exists()


@pytest.mark.django_db
def test_a_queued_run_no_worker_took_is_failed_after_the_longer_limit():
    run = queued()
    ImportRun.objects.filter(pk=run.pk).update(started_at=timezone.now() - timedelta(hours=3))
    fail_stale()
    run.refresh_from_db()
    assert run.status == Status.QUEUED  # workers may be busy: not yet
    ImportRun.objects.filter(pk=run.pk).update(started_at=timezone.now() - timedelta(hours=13))
    fail_stale()
    run.refresh_from_db()
    assert run.status == Status.FAILED


@pytest.mark.django_db
def test_a_second_start_while_one_is_active_is_refused_even_when_both_checked_at_once(
    network_admin,
):
    queued()
    # A second upload that checked before the first was stored is refused by the database.
    with pytest.raises(ValidationError, match="An import is already running"), transaction.atomic():
        uploads._queue(network_admin, False, {"a.csv": b"x"})
    with pytest.raises(IntegrityError), transaction.atomic():
        ImportRun.objects.create(status=Status.RUNNING, source_dir=uploads.SOURCE_DIR)
    assert ImportRun.objects.count() == 1
    ImportRun.objects.create(status=Status.DONE, source_dir=uploads.SOURCE_DIR)  # finished: fine


class Unread(SimpleUploadedFile):
    def read(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("read before it was counted")


def form_with(files: list[SimpleUploadedFile]) -> forms.RegisterUploadForm:
    chosen: list[UploadedFile] = list(files)
    return forms.RegisterUploadForm({}, MultiValueDict({"upload": chosen}))


def test_too_many_files_are_refused_before_any_is_read():
    form = form_with([Unread(f"f{i}.csv", b"a,b\n") for i in range(uploads.MAX_FILES + 1)])
    assert not form.is_valid()
    assert form.errors["upload"] == [f"Choose {uploads.MAX_FILES} files or fewer"]


def test_files_too_large_together_are_refused_before_any_is_read(monkeypatch):
    monkeypatch.setattr(forms, "MAX_TOTAL_BYTES", 10)
    form = form_with([Unread("a.csv", b"a,b,c\n"), Unread("b.csv", b"a,b,c\n")])
    assert not form.is_valid()
    assert "The files together are larger than" in form.errors["upload"][0]


@pytest.mark.django_db
def test_someone_else_is_refused_the_upload_and_nothing_is_queued(client_for, school_leader):
    files = [SimpleUploadedFile(f"f{i}.csv", b"a,b\n") for i in range(3)]
    assert client_for(school_leader).post(UPLOAD, {"upload": files}).status_code == 403
    assert not ImportRun.objects.exists()
