"""Issue 15: the network admin who uploaded register files hears when the import fails, with a
link to the run's page; other network admins and a successful import tell nobody."""

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from collegium.notifications.models import Notification
from collegium.people.models import Role
from collegium.schools import uploads
from collegium.schools.models import ImportRun, RegisterFile
from collegium.schools.tests.test_import_register import DEMO, SPINE
from collegium.schools.tests.test_register_upload import demo_files, spine
from conftest import grant, make_user

SITE = "http://testserver"
EVENT = "register-import-failed"
UPLOAD = reverse("schools:upload")


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def other_admin(db):
    return grant(make_user("Ned OtherAdmin"), Role.NETWORK_ADMIN)


@pytest.mark.django_db
def test_the_admin_who_uploaded_is_told_when_the_import_fails(
    client_for, network_admin, other_admin, django_capture_on_commit_callbacks
):
    client = client_for(network_admin)
    client.post(UPLOAD, {"upload": demo_files()})
    assert not Notification.objects.filter(event=EVENT).exists()  # it was imported
    half = b"".join((DEMO / SPINE).read_bytes().splitlines(keepends=True)[:100])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(UPLOAD, {"upload": [spine(half)]})

    failed = ImportRun.objects.get(status=ImportRun.Status.FAILED)
    link = f"{SITE}{reverse('schools:import', args=[failed.pk])}"
    notification = Notification.objects.get(event=EVENT)
    assert notification.recipient == network_admin
    assert notification.subject == "The register import failed: nothing was imported"
    assert notification.link == link
    assert "Nothing was imported" in notification.text_body
    (email,) = [m for m in mail.outbox if m.to == [network_admin.email]]
    assert link in email.body
    assert not Notification.objects.filter(recipient=other_admin).exists()


@pytest.mark.django_db
def test_a_failed_run_tells_its_admin_once(network_admin):
    run = ImportRun.objects.create(
        status=ImportRun.Status.RUNNING, source_dir=uploads.SOURCE_DIR, started_by=network_admin
    )
    RegisterFile.objects.create(run=run, name="a.csv", content=b"x")
    with transaction.atomic():
        uploads.fail(run.pk, "The import stopped with an error: boom. Nothing was imported.")
    uploads.fail(run.pk, "again")  # already failed: nothing changes
    assert Notification.objects.get(event=EVENT).recipient == network_admin


@pytest.mark.django_db
def test_someone_else_is_refused_the_upload_and_nobody_is_told(
    client_for, school_leader, network_admin
):
    assert client_for(school_leader).post(UPLOAD, {"upload": demo_files()}).status_code == 403
    assert not ImportRun.objects.exists()
    assert not Notification.objects.exists()
