"""The contextual value added is worked out by the task worker after an upload: the page says
how far it has got, and a fit reads every stored file, whatever order the fits run in."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from collegium.context import fitting
from collegium.context.models import FitState, PupilFile, PupilRecord, ValueAddedFit
from collegium.context.services import upload_pupil_file
from collegium.context.tests.conftest import KS4, YEAR, network_csv, school_csv
from collegium.people.models import Role
from conftest import grant, make_user

pytestmark = pytest.mark.django_db
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def upload(actor, content: bytes, school=None):
    return upload_pupil_file(
        actor, school=school, year=YEAR, measure=KS4, file_name="pupils.csv", content=content
    )


def test_an_upload_waits_for_the_worker_and_the_pages_say_so(
    client_for, network_admin, secondaries, settings
):
    settings.TASKS = DATABASE_QUEUE
    page = client_for(network_admin).post(
        "/context/pupil-files/upload/",
        {"year": str(YEAR), "measure": KS4,
         "file": SimpleUploadedFile("pupils.csv", network_csv(secondaries[:3]))},
        follow=True,
    )  # fmt: skip
    assert "The contextual value added is being worked out" in page.text
    assert "Waiting to be worked out" in page.text
    assert "Check again" in page.text
    assert PupilFile.objects.get().fit_state == FitState.WAITING
    assert not ValueAddedFit.objects.exists()

    fitting.work_out(PupilFile.objects.get().pk)  # what the worker does
    page = client_for(network_admin).get("/context/pupil-files/")
    assert "Worked out" in page.text and "Check again" not in page.text


def test_the_school_page_shows_its_uploads_state_to_its_leader_only(
    client_for, network_admin, secondaries, settings
):
    settings.TASKS = DATABASE_QUEUE
    head = grant(make_user("Ida Head"), Role.SCHOOL_LEADER, school=secondaries[0])
    upload(head, school_csv(secondaries[0]), school=secondaries[0])
    address = f"/context/schools/{secondaries[0].urn}/value-added/"
    assert "Waiting to be worked out" in client_for(head).get(address).text
    other = grant(make_user("Olu Other"), Role.SCHOOL_LEADER, school=secondaries[1])
    answer = client_for(other).get(address)
    assert answer.status_code in (200, 403, 404)
    assert "Waiting to be worked out" not in answer.text


def test_a_fit_counts_every_stored_file_whichever_fit_runs_last(
    network_admin, secondaries, settings
):
    """Two uploads committed before either fit: the fits run in the order that lost pupils when
    each fit pooled its own file from memory with the others' stored pupils."""
    settings.TASKS = DATABASE_QUEUE
    network = upload(network_admin, network_csv(secondaries[:4], pupils_per_school=30))
    head = grant(make_user("Ida Head"), Role.SCHOOL_LEADER, school=secondaries[5])
    own = upload(head, school_csv(secondaries[5], pupils=35), school=secondaries[5])
    fitting.work_out(own.pk)
    fitting.work_out(network.pk)
    latest = ValueAddedFit.objects.order_by("-pk")[0]
    assert latest.pupils == 4 * 30 + 35 == PupilRecord.objects.count()
    assert latest.schools == 5
    assert {f.fit_state for f in PupilFile.objects.all()} == {FitState.DONE}


def test_one_schools_pupils_wait_for_a_second_school(network_admin, secondaries, settings):
    head = grant(make_user("Ida Head"), Role.SCHOOL_LEADER, school=secondaries[0])
    own = upload(head, school_csv(secondaries[0]), school=secondaries[0])
    assert own.fit_state == FitState.TOO_FEW
    assert not ValueAddedFit.objects.exists()
