"""G1 reminders: actions due soon (once, to the owner) and overdue (to the owner, the head and the
governors, every 5 school working days), the board's review outstanding, the annual audit due;
nothing twice in a day, nothing on a day schools are closed; the daily task and its scheduler."""

from datetime import date

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.safeguarding.models import DueReminder
from collegium.safeguarding.reminders import send_reminders
from collegium.safeguarding.tasks import enqueue_daily_task, remind_safeguarding
from collegium.safeguarding.tests.conftest import MONDAY, rate_all


@pytest.fixture
def remind(django_capture_on_commit_callbacks, mailoutbox):
    def run(day: date) -> dict[str, str]:
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            send_reminders(day)
        return {email.to[0]: email.body for email in mailoutbox}

    return run


def test_an_action_due_soon_is_reminded_once_to_its_owner(
    audit, school_leader, safeguarding_lead, remind
):
    rate_all(audit, safeguarding_lead)  # SR1's action due 1 February 2027, owned by the lead
    assert safeguarding_lead.email not in remind(date(2027, 1, 22))  # 6 working days before
    sent = remind(date(2027, 1, 25))
    assert "safeguarding action SR1 is due 1 February 2027" in sent[safeguarding_lead.email]
    assert school_leader.email not in sent
    assert safeguarding_lead.email not in remind(date(2027, 1, 26))  # once


def test_an_overdue_action_reminds_owner_head_and_governors_every_five_working_days(
    audit, school_leader, safeguarding_lead, governor, remind
):
    rate_all(audit, safeguarding_lead)
    sent = remind(date(2027, 2, 2))
    for person in (safeguarding_lead, school_leader, governor):
        assert "safeguarding action SR1 was due 1 February 2027" in sent[person.email]
    assert remind(date(2027, 2, 3)) == {}
    assert remind(date(2027, 2, 8)) == {}  # 4 working days later
    assert governor.email in remind(date(2027, 2, 9))


def test_nothing_is_sent_on_a_weekend(audit, safeguarding_lead, remind):
    rate_all(audit, safeguarding_lead)
    assert remind(date(2027, 2, 6)) == {}  # a Saturday, the action overdue


def test_the_board_is_reminded_ten_working_days_after_submission(
    submitted, governor, school_leader, remind
):
    assert governor.email not in remind(date(2027, 1, 25))  # 9 working days after the 12th
    sent = remind(date(2027, 1, 26))
    assert "the governing board has not yet reviewed the safeguarding audit" in sent[governor.email]
    assert school_leader.email in sent
    assert governor.email not in remind(date(2027, 1, 27))
    events = AuditEvent.objects.filter(action=verbs.SAFEGUARDING_REMINDER_SENT)
    assert events.filter(object_type="safeguarding.safeguardingaudit").count() == 1


def test_a_school_never_audited_is_told_its_audit_is_due(
    school_leader, safeguarding_lead, governor, remind
):
    sent = remind(MONDAY)
    for person in (school_leader, safeguarding_lead, governor):
        assert "Ash Primary School: the annual safeguarding audit is due now" in sent[person.email]
    assert remind(date(2027, 1, 12)) == {}
    assert DueReminder.objects.count() == 1


def test_the_annual_audit_is_due_a_year_after_the_boards_review(reviewed, school_leader, remind):
    # Reviewed on 20 January 2027: due on 20 January 2028, reminded from a month before.
    assert "annual safeguarding audit" not in remind(date(2027, 12, 16))[school_leader.email]
    sent = remind(date(2028, 1, 5))  # the first school day after the Christmas holiday
    assert "the annual safeguarding audit is due by 20 January 2028" in sent[school_leader.email]


def test_no_due_reminder_while_an_audit_is_open(audit, school_leader, remind):
    assert remind(MONDAY) == {}


def test_the_scheduler_queues_the_task_once_a_day(db):
    call_command("run_scheduler", "--once")
    call_command("run_scheduler", "--once")
    queued = DBTaskResult.objects.filter(task_path=remind_safeguarding.module_path)
    assert queued.count() == 1
    assert enqueue_daily_task() is False
