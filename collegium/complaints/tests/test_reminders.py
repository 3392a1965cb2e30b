"""Reminders of a stage's due day: 2 school working days before and on the day, each once, to
whoever handles the stage (the network admins while nobody is assigned); the daily task that
sends them and closes complaints not taken further, queued by the scheduler once a day."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.complaints import services
from collegium.complaints.models import Complaint, Outcome, Stage
from collegium.complaints.reminders import send_reminders
from collegium.complaints.tasks import enqueue_daily_task, keep_complaints_on_time
from collegium.termdates.calendar import is_school_working_day, school_working_days_between

from .conftest import MONDAY


def two_days_before(due: date) -> date:
    day = due - timedelta(days=1)
    while not (is_school_working_day(day) and school_working_days_between(day, due) == 2):
        day -= timedelta(days=1)
    return day


def recipients(mailoutbox) -> list[str]:
    return sorted(address for email in mailoutbox for address in email.to)


def remind(day: date, capture) -> int:
    with capture(execute=True):
        return send_reminders(day)


def test_the_handlers_are_reminded_two_working_days_before_and_on_the_day_once_each(
    complaint,
    lead_reviewer,
    coordinator,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    due = complaint.stages.get().due_on
    before = two_days_before(due)
    day_earlier = before - timedelta(days=1)
    while not is_school_working_day(day_earlier):
        day_earlier -= timedelta(days=1)
    assert remind(day_earlier, django_capture_on_commit_callbacks) == 0
    assert remind(before, django_capture_on_commit_callbacks) == 1
    assert recipients(mailoutbox) == sorted([lead_reviewer.email, coordinator.email])
    assert f"is due by {due:%-d %B %Y}: please decide its outcome" in mailoutbox[0].body
    assert remind(before, django_capture_on_commit_callbacks) == 0  # not twice
    assert Stage.objects.get().reminded_before_on == before
    mailoutbox.clear()
    assert remind(due, django_capture_on_commit_callbacks) == 1
    assert "is due today" in mailoutbox[0].body
    assert remind(due, django_capture_on_commit_callbacks) == 0
    assert AuditEvent.objects.filter(action=verbs.COMPLAINT_REMINDER_SENT).count() == 2


def test_while_nobody_is_assigned_the_network_admins_are_reminded(
    complaint,
    lead_reviewer,
    school_leader,
    network_admin,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    services.decide_stage(lead_reviewer, complaint, Outcome.NOT_UPHELD, "No.", today=MONDAY)
    stage = services.escalate(school_leader, complaint, today=MONDAY)
    mailoutbox.clear()
    assert remind(stage.due_on, django_capture_on_commit_callbacks) == 1
    assert recipients(mailoutbox) == [network_admin.email]
    assert "please assign someone to it" in mailoutbox[0].body


def test_the_assigned_moderator_is_reminded(
    stage_2, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    due = stage_2.stages.get(number=2).due_on
    assert remind(due, django_capture_on_commit_callbacks) == 1
    assert recipients(mailoutbox) == [moderator.email]


def test_no_reminder_for_a_decided_stage_or_on_a_day_schools_are_closed(
    complaint, lead_reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    due = complaint.stages.get().due_on
    saturday = due + timedelta(days=5 - due.weekday())
    assert remind(saturday, django_capture_on_commit_callbacks) == 0
    services.decide_stage(lead_reviewer, complaint, Outcome.UPHELD, "Yes.", today=MONDAY)
    assert remind(due, django_capture_on_commit_callbacks) == 0
    assert Stage.objects.get().reminded_due_on is None


@pytest.mark.usefixtures("complaint")
def test_the_task_reminds_and_closes(monkeypatch):
    monkeypatch.setattr("collegium.complaints.tasks.send_reminders", lambda: 2)
    monkeypatch.setattr(
        "collegium.complaints.tasks.close_lapsed_complaints", lambda: [Complaint.objects.get()]
    )
    assert keep_complaints_on_time.call() == 3


def test_the_scheduler_queues_the_task_once_a_day(db):
    assert enqueue_daily_task()
    assert not enqueue_daily_task()
    call_command("run_scheduler", "--once")
    queued = DBTaskResult.objects.filter(task_path=keep_complaints_on_time.module_path)
    assert queued.count() == 1
    assert enqueue_daily_task(date.today() + timedelta(days=1))
    assert queued.count() == 2
