"""A person downloads everything Collegium holds about them; a network admin produces it for a
subject access request, and that is recorded."""

import csv
import io
import json
import zipfile

import pytest

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.audit.services import record_change
from collegium.people.models import TrainingRecord
from collegium.reviews.models import Concern, EvidenceNote, TeamMember

MINE = "/privacy/my-data/download/"


def files_of(response) -> zipfile.ZipFile:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


@pytest.mark.django_db
def test_a_reviewer_downloads_what_is_held_about_them(client_for, review, reviewer, school_leader):
    member = TeamMember.objects.get(review=review, reviewer__user=reviewer)
    EvidenceNote.objects.create(review=review, author=member, text="Pupils read with fluency")
    TrainingRecord.objects.create(
        reviewer=reviewer.reviewer_profile,
        title="Peer review",
        provider="Trust",
        completed_on="2026-09-01",
    )
    Concern.objects.create(review=review, raised_by=school_leader, text="Not about Rhys")
    record_change(reviewer, verbs.TRAINING_ADDED, reviewer.reviewer_profile, None, {"t": 1})

    archive = files_of(client_for(reviewer).get(MINE))
    account = json.loads(archive.read("account.json"))
    assert account[0]["email"] == reviewer.email
    notes = list(csv.DictReader(io.StringIO(archive.read("evidence_notes.csv").decode())))
    assert [n["text"] for n in notes] == ["Pupils read with fluency"]
    assert json.loads(archive.read("training.json"))[0]["title"] == "Peer review"
    assert json.loads(archive.read("concerns_raised.json")) == []  # the head's, not theirs
    assert [e["what"] for e in json.loads(archive.read("audit_events.json"))] == [
        verbs.TRAINING_ADDED
    ]
    assert not AuditEvent.objects.filter(action=verbs.PERSON_DATA_PRODUCED).exists()


@pytest.mark.django_db
def test_a_school_leader_gets_their_concerns_and_no_reviewer_files(
    client_for, review, school_leader
):
    Concern.objects.create(review=review, raised_by=school_leader, text="=The timetable")
    archive = files_of(client_for(school_leader).get(MINE))
    assert "evidence_notes.json" not in archive.namelist()
    rows = list(csv.DictReader(io.StringIO(archive.read("concerns_raised.csv").decode())))
    assert rows[0]["text"] == "'=The timetable"  # a spreadsheet shows it, never runs it
    assert json.loads(archive.read("roles.json"))[0]["role"] == "School leader"


@pytest.mark.django_db
def test_a_network_admin_produces_a_persons_data_and_it_is_recorded(
    client_for, network_admin, reviewer
):
    url = f"/privacy/people/{reviewer.pk}/data/"
    assert "subject access request" in client_for(network_admin).get(url).text
    archive = files_of(client_for(network_admin).post(url))
    assert json.loads(archive.read("account.json"))[0]["full_name"] == "Rhys Reviewer"
    event = AuditEvent.objects.get(action=verbs.PERSON_DATA_PRODUCED)
    assert event.actor == network_admin and event.object_id == str(reviewer.pk)


@pytest.mark.django_db
def test_nobody_else_produces_a_persons_data(
    client_for, client, moderator, school_leader, reviewer
):
    url = f"/privacy/people/{reviewer.pk}/data/"
    for person in (moderator, school_leader, reviewer):
        assert client_for(person).post(url).status_code == 404
    assert client.post(url).status_code == 302  # sent to sign in
    assert not AuditEvent.objects.filter(action=verbs.PERSON_DATA_PRODUCED).exists()
