"""Refreshing the register by uploading the DfE files: the upload page, the background import,
the runs' pages, and schools added by hand."""

import shutil
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from markupsafe import escape

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.schools import uploads
from collegium.schools.importing.loader import import_register
from collegium.schools.models import ImportRun, LocalAuthority, RegisterFile, School
from collegium.schools.tests.test_import_register import DEMO, SPINE

UPLOAD = reverse("schools:upload")
ARGYLE = 100008  # the first school of the demo spine
NEW_SCHOOL = 150123  # in no DfE file


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def demo_files() -> list[SimpleUploadedFile]:
    return [
        SimpleUploadedFile(path.name, path.read_bytes(), "text/csv")
        for path in sorted(DEMO.rglob("*.csv"))
    ]


def spine(text: bytes | None = None) -> SimpleUploadedFile:
    content = (DEMO / SPINE).read_bytes() if text is None else text
    return SimpleUploadedFile(Path(SPINE).name, content, "text/csv")


def add_by_hand(urn: int, name: str) -> School:
    authority, _ = LocalAuthority.objects.get_or_create(code=816, defaults={"name": "York"})
    return School.objects.create(
        urn=urn, name=name, local_authority=authority, town="York", added_by_hand=True
    )


@pytest.mark.django_db
def test_uploaded_files_are_imported_in_the_background_with_their_rejections(
    client_for, network_admin
):
    client = client_for(network_admin)
    assert client.get(UPLOAD).status_code == 200

    response = client.post(UPLOAD, {"upload": demo_files()})

    run = ImportRun.objects.get()
    assert response.status_code == 302 and response.url == reverse("schools:import", args=[run.pk])
    assert run.status == ImportRun.Status.DONE and run.started_by == network_admin
    assert School.objects.filter(urn=ARGYLE).exists() and run.rows_read > 0
    assert {event.action for event in AuditEvent.objects.all()} >= {
        verbs.REGISTER_IMPORT_STARTED,
        verbs.REGISTER_IMPORT_FINISHED,
    }
    page = client.get(response.url).text
    assert "Imported" in page and SPINE in page
    for rejection in run.rejections:
        assert str(escape(rejection["reason"])) in page
    listing = client.get(reverse("schools:imports")).text
    assert "Nia Admin" in listing and f"{len(run.uploads)} uploaded" in listing


@pytest.mark.django_db
def test_a_file_not_uploaded_again_is_read_from_the_last_upload(client_for, network_admin):
    client = client_for(network_admin)
    client.post(UPLOAD, {"upload": demo_files()})
    first = ImportRun.objects.get()

    client.post(UPLOAD, {"upload": [spine()]})

    second = ImportRun.objects.exclude(pk=first.pk).get()
    assert second.status == ImportRun.Status.DONE, second.error
    assert second.file_rows == first.file_rows  # every file was read again
    assert RegisterFile.objects.filter(name=SPINE).get().run == second  # the older copy is gone


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("notes.txt", b"hello\n"), "notes.txt is not a CSV file"),
        (SimpleUploadedFile("mystery.csv.gz", b"x"), "mystery.csv.gz is not a CSV file"),
        (spine(b"URN,NAME\n1,Ash\n"), "2017-2018_england_spine.csv is not the file expected"),
        (spine(b"URN\x81\x8d\x90\n"), "is not a text file"),
    ],
)
def test_bad_files_are_refused_at_upload_and_nothing_changes(
    client_for, network_admin, upload, message
):
    response = client_for(network_admin).post(UPLOAD, {"upload": [upload]})

    assert response.status_code == 400 and message in response.text
    assert not ImportRun.objects.exists() and not RegisterFile.objects.exists()
    assert not School.objects.exists()


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused(client_for, network_admin, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_BYTES", 100)
    response = client_for(network_admin).post(UPLOAD, {"upload": [spine()]})

    assert response.status_code == 400
    assert "2017-2018_england_spine.csv is larger than" in response.text
    assert not ImportRun.objects.exists()


@pytest.mark.django_db
def test_a_refusal_in_the_task_fails_the_run_and_changes_nothing(client_for, network_admin):
    client = client_for(network_admin)
    client.post(UPLOAD, {"upload": demo_files()})
    schools = School.objects.count()
    half = b"".join((DEMO / SPINE).read_bytes().splitlines(keepends=True)[:100])

    client.post(UPLOAD, {"upload": [spine(half)]})

    failed = ImportRun.objects.get(status=ImportRun.Status.FAILED)
    assert "Nothing was imported" in failed.error and "The files really are smaller" in failed.error
    assert School.objects.count() == schools and not failed.files.exists()
    assert "Nothing was imported" in client.get(reverse("schools:import", args=[failed.pk])).text


@pytest.mark.django_db
def test_everyone_else_is_refused(client_for, outsider, school_leader, network_admin):
    run = ImportRun.objects.create(source_dir="/data", rejections=[])
    pages = [UPLOAD, reverse("schools:imports"), reverse("schools:import", args=[run.pk])]
    for person in (outsider, school_leader):
        for url in pages[:2]:
            assert client_for(person).get(url).status_code == 403
        assert client_for(person).get(pages[2]).status_code == 404  # not told the run exists
        assert client_for(person).post(UPLOAD, {"upload": demo_files()}).status_code == 403
    assert client_for(None).get(pages[1]).status_code == 302
    assert ImportRun.objects.count() == 1 and not School.objects.filter(urn=ARGYLE).exists()


@pytest.mark.django_db
def test_the_import_keeps_a_hand_added_school_until_a_dfe_file_gives_its_urn(tmp_path):
    kept = add_by_hand(NEW_SCHOOL, "Heworth Independent School")
    replaced = add_by_hand(ARGYLE, "Argyle (entered by hand)")

    import_register(Path(shutil.copytree(DEMO, tmp_path / "data")))

    kept.refresh_from_db()
    replaced.refresh_from_db()
    assert kept.added_by_hand and kept.name == "Heworth Independent School"
    assert not replaced.added_by_hand and replaced.name == "Argyle Primary School"
    assert replaced.local_authority_id == 202


@pytest.mark.django_db
def test_a_running_import_shows_its_progress_and_refreshes(client_for, network_admin):
    run = ImportRun.objects.create(source_dir=uploads.SOURCE_DIR, status=ImportRun.Status.QUEUED)
    assert uploads.begin(run.pk) is not None and uploads.begin(run.pk) is None  # taken once
    uploads.report_progress(run.pk, 0.4, "Reading england_census.csv (9 of 27)")

    page = client_for(network_admin).get(reverse("schools:import", args=[run.pk])).text

    assert "Importing: 40% done" in page and "Reading england_census.csv (9 of 27)" in page
    assert '<meta http-equiv="refresh" content="2">' in page
    refused = client_for(network_admin).post(UPLOAD, {"upload": [spine()]})
    assert refused.status_code == 400 and "An import is already running" in refused.text
    assert ImportRun.objects.count() == 1
