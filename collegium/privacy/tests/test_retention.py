"""Retention with known dates: what has expired, what an open complaint holds, what removal
does to each kind of record, and the daily task's dry run carried out a school week later."""

from datetime import date, datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.audit.services import record_change
from collegium.complaints.models import Complaint
from collegium.privacy import runs
from collegium.privacy.models import RetentionRun, RetentionSettings
from collegium.privacy.retention import expired, months_before, remove_expired
from collegium.privacy.tasks import keep_records_for_their_periods
from collegium.reports.models import AccuracyComment, Report
from collegium.reviews.models import EvidenceNote, TeamMember
from collegium.voice.models import Answer, Survey, SurveyResponse
from collegium.voice.shipped import load_banks
from collegium.voice.tests.conftest import answer, open_survey

TODAY = date(2026, 3, 2)  # a Monday
LONG_AGO = timezone.make_aware(datetime(2019, 9, 2, 12))  # older than every default period


def test_months_count_back_to_the_same_day_or_the_months_last():
    assert months_before(date(2026, 3, 2), 36) == date(2023, 3, 2)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2024, 1, 15), 13) == date(2022, 12, 15)


@pytest.fixture
def old_report(review) -> Report:
    """Review A's report, final since September 2019, with a note and an accuracy comment."""
    report = Report.objects.create(
        review=review,
        status=Report.Status.FINAL,
        developmental_report="Reading is strong in Year 2.",
        finalised_at=LONG_AGO,
    )
    member = TeamMember.objects.filter(review=review).get(role=TeamMember.Role.LEAD)
    EvidenceNote.objects.create(review=review, author=member, text="Heard six readers.")
    AccuracyComment.objects.create(report=report, text="Year 1, not Year 2", raised_at=LONG_AGO)
    return report


def complaint(report: Report, closed_on: date | None = None) -> Complaint:
    status = Complaint.Status.CLOSED if closed_on else Complaint.Status.OPEN
    return Complaint.objects.create(
        report=report,
        received_on=date(2019, 10, 1),
        grounds="The visit was rushed.",
        outcome_sought="A second visit.",
        status=status,
        closed_on=closed_on,
    )


def old_event(actor: User) -> AuditEvent:
    event = record_change(actor, verbs.PERSON_ADDED, actor, None, {"email": actor.email})
    AuditEvent.objects.filter(pk=event.pk).update(at=LONG_AGO)
    return event


def leaver() -> User:
    person = User.objects.create_user("lee.left@example.org", "x", full_name="Lee Left")
    User.objects.filter(pk=person.pk).update(last_login=LONG_AGO, date_joined=LONG_AGO)
    return person


def counts(today: date = TODAY) -> dict[str, tuple[int, int]]:
    return {e.kind: (e.expired, e.held) for e in expired(today)}


@pytest.mark.django_db
def test_expired_records_are_found_per_kind_from_known_dates(old_report, outsider):
    complaint(old_report, closed_on=date(2019, 12, 2))
    old_event(outsider)
    leaver()
    found = counts()
    assert found["evidence_notes"] == (1, 0)  # final in 2019: past 36 months
    assert found["reports"] == (1, 0)
    assert found["complaints"] == (1, 0)  # closed in 2019: past 72 months by March 2026
    assert found["audit_events"] == (1, 0)
    assert found["accounts"] == (1, 0)  # Lee, with no role; Olive signed up today
    assert counts(date(2022, 9, 1))["evidence_notes"] == (0, 0)  # not yet 36 months
    assert counts(date(2022, 9, 2))["evidence_notes"] == (1, 0)  # 36 months to the day


@pytest.mark.django_db
def test_an_open_complaint_holds_its_reviews_evidence_report_and_people(old_report, outsider):
    open_one = complaint(old_report)
    person = leaver()
    Complaint.objects.filter(pk=open_one.pk).update(raised_by=person)
    found = counts()
    assert found["evidence_notes"] == (0, 1)
    assert found["reports"] == (0, 1)
    assert found["accounts"] == (0, 1)
    assert remove_expired(TODAY)["evidence_notes"] == 0
    assert EvidenceNote.objects.count() == 1
    old_report.refresh_from_db()
    assert old_report.developmental_report == "Reading is strong in Year 2."
    person.refresh_from_db()
    assert person.full_name == "Lee Left"


@pytest.mark.django_db
def test_removal_deletes_empties_or_erases_each_kind(old_report, outsider):
    closed = complaint(old_report, closed_on=date(2019, 12, 2))
    kept_event = record_change(outsider, verbs.PERSON_ADDED, outsider, None, None)
    old_event(outsider)
    person = leaver()
    removed = remove_expired(TODAY)
    assert removed == {
        "evidence_notes": 1,
        "reports": 1,
        "survey_responses": 0,
        "complaints": 1,
        "audit_events": 1,
        "accounts": 1,
    }
    assert not EvidenceNote.objects.exists()
    old_report.refresh_from_db()
    assert old_report.developmental_report == "" and not old_report.accuracy_comments.exists()
    assert not Complaint.objects.filter(pk=closed.pk).exists()
    assert AuditEvent.objects.filter(pk=kept_event.pk).exists()  # this year's stays
    person.refresh_from_db()
    assert person.full_name == f"Former member {person.pk}" and not person.is_active
    assert counts() == {kind: (0, 0) for kind in counts()}


@pytest.mark.django_db
def test_the_daily_task_waits_a_school_week_and_a_pause(old_report, network_admin):
    assert runs.run_daily(TODAY) == "dry run made"
    run = RetentionRun.objects.get()
    assert run.counts["evidence_notes"] == 1 and run.due_on == date(2026, 3, 9)
    assert runs.run_daily(date(2026, 3, 6)) == "waiting"
    RetentionSettings.objects.create(pk=1, paused=True)
    assert runs.run_daily(date(2026, 3, 9)) == "waiting"
    assert EvidenceNote.objects.count() == 1
    RetentionSettings.objects.filter(pk=1).update(paused=False)
    assert runs.run_daily(date(2026, 3, 9)) == "carried out"
    run.refresh_from_db()
    assert run.carried_out_on == date(2026, 3, 9) and run.removed["evidence_notes"] == 1
    assert not EvidenceNote.objects.exists()
    assert runs.run_daily(date(2026, 3, 10)) == "dry run made"  # the next one, with nothing
    assert RetentionRun.objects.filter(carried_out_on=None).get().counts["evidence_notes"] == 0
    assert AuditEvent.objects.filter(action=verbs.EXPIRED_RECORDS_REMOVED).count() == 1


@pytest.mark.django_db
def test_the_scheduler_queues_the_retention_task_once_a_day():
    call_command("run_scheduler", "--once")
    call_command("run_scheduler", "--once")
    queued = DBTaskResult.objects.filter(task_path=keep_records_for_their_periods.module_path)
    assert queued.count() == 1


@pytest.mark.django_db
def test_survey_responses_keep_their_choices_and_lose_their_words(school_a):
    load_banks()
    survey = open_survey(school_a)
    answer(survey, 2, choice=3, words="My child's teacher, Mr Hughes, is unkind.")
    Survey.objects.filter(pk=survey.pk).update(
        opens_on=date(2023, 7, 3), closes_on=date(2023, 7, 21)
    )
    choices = Answer.objects.exclude(choice=None).order_by("pk").values_list("choice", flat=True)
    kept = list(choices)
    assert kept and Answer.objects.filter(choice=None).exists()  # scale and written answers
    assert counts()["survey_responses"] == (2, 0)  # closed more than 24 months ago
    assert remove_expired(TODAY)["survey_responses"] == 2
    assert not Answer.objects.exclude(text="").exists()
    assert list(Answer.objects.order_by("pk").values_list("choice", flat=True)) == kept
    assert SurveyResponse.objects.count() == 2
