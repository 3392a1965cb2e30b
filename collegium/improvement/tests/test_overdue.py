"""Overdue milestones and the daily reminders about them: one email per person, listing their
overdue milestones; the same milestone is not mentioned again within 5 working days."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from collegium.improvement.models import Action, ActionPlan, Milestone
from collegium.improvement.selectors.overdue import overdue_milestones
from collegium.improvement.services.reminders import send_overdue_reminders
from collegium.improvement.tasks import enqueue_daily_reminders, remind_overdue_milestones
from collegium.improvement.tests.conftest import make_plan
from conftest import make_user

MONDAY = date(2025, 3, 3)  # no bank holiday that week or the next


@pytest.fixture
def active_plan(agreed_review, school_leader) -> ActionPlan:
    plan = make_plan(agreed_review, school_leader, ActionPlan.Status.ACTIVE)
    Milestone.objects.filter(action__plan=plan).update(due_on=MONDAY - timedelta(days=3))
    return plan


def add_milestone(plan: ActionPlan, description: str, due_on: date, **fields) -> Milestone:
    action = plan.actions.get()
    return Milestone.objects.create(action=action, description=description, due_on=due_on, **fields)


def test_overdue_means_under_way_past_due_and_not_done(active_plan, school_leader, agreed_review):
    add_milestone(active_plan, "Due today", MONDAY)
    add_milestone(active_plan, "Done late", MONDAY - timedelta(days=9), status="done")
    found = overdue_milestones(ActionPlan.objects.all(), MONDAY)
    assert [m.description for m in found] == ["Every pupil who fell behind is assessed"]
    active_plan.status = ActionPlan.Status.DRAFT
    active_plan.save()
    assert not overdue_milestones(ActionPlan.objects.all(), MONDAY).exists()


def test_the_owner_and_the_coordinator_each_get_one_email(active_plan, school_leader, coordinator):
    add_milestone(active_plan, "Parents' workshop held", MONDAY - timedelta(days=1))
    assert send_overdue_reminders(MONDAY) == 2
    by_person = {message.to[0]: message for message in mail.outbox}
    assert set(by_person) == {school_leader.email, coordinator.email}
    for message in mail.outbox:
        assert message.subject == "2 overdue milestones in action plans"
        assert "Every pupil who fell behind is assessed: due 28 February 2025" in message.body
        assert "Parents' workshop held" in message.body
        assert "Ash Primary School" in message.body
        assert f"/improvement/plans/{active_plan.pk}/" in message.body
    assert "(owner: you)" in by_person[school_leader.email].body
    assert "(owner: Sam Leader)" in by_person[coordinator.email].body
    assert set(Milestone.objects.values_list("reminded_on", flat=True)) == {MONDAY}


def test_no_second_reminder_within_five_working_days(active_plan, school_leader, coordinator):
    assert send_overdue_reminders(MONDAY) == 2
    assert send_overdue_reminders(MONDAY) == 0
    assert send_overdue_reminders(MONDAY + timedelta(days=4)) == 0  # Friday: 4 working days on
    assert len(mail.outbox) == 2
    assert send_overdue_reminders(MONDAY + timedelta(days=7)) == 2  # the next Monday
    assert len(mail.outbox) == 4


def test_a_new_overdue_milestone_is_sent_even_if_another_was_just_reminded(
    active_plan, school_leader, coordinator
):
    send_overdue_reminders(MONDAY)
    add_milestone(active_plan, "Tutors trained", MONDAY)
    mail.outbox.clear()
    assert send_overdue_reminders(MONDAY + timedelta(days=1)) == 2
    assert "Tutors trained" in mail.outbox[0].body
    assert "Every pupil who fell behind" not in mail.outbox[0].body
    assert mail.outbox[0].subject == "1 overdue milestone in an action plan"


def test_done_milestones_and_draft_plans_send_nothing(agreed_review, school_leader, coordinator):
    draft = make_plan(agreed_review, school_leader)
    Milestone.objects.filter(action__plan=draft).update(due_on=MONDAY - timedelta(days=30))
    assert send_overdue_reminders(MONDAY) == 0
    draft.status = ActionPlan.Status.ACTIVE
    draft.save()
    Milestone.objects.filter(action__plan=draft).update(status="done")
    assert send_overdue_reminders(MONDAY) == 0
    assert mail.outbox == []


def test_another_owner_gets_only_their_own_milestones(active_plan, school_leader, coordinator):
    deputy = make_user("Dee Deputy")
    action = Action.objects.create(plan=active_plan, description="Phonics tutoring", owner=deputy)
    Milestone.objects.create(action=action, description="Tutor rota", due_on=MONDAY)
    send_overdue_reminders(MONDAY + timedelta(days=1))
    by_person = {message.to[0]: message.body for message in mail.outbox}
    assert set(by_person) == {school_leader.email, coordinator.email, deputy.email}
    assert "Tutor rota" in by_person[deputy.email]
    assert "Every pupil" not in by_person[deputy.email]
    assert "Every pupil" in by_person[school_leader.email]
    assert "Tutor rota" not in by_person[school_leader.email]
    assert "Tutor rota" in by_person[coordinator.email]
    assert "Every pupil" in by_person[coordinator.email]


def test_nothing_is_sent_on_a_weekend_or_bank_holiday(active_plan, school_leader, coordinator):
    saturday, easter_monday = MONDAY - timedelta(days=2), date(2025, 4, 21)
    assert send_overdue_reminders(saturday) == 0
    assert send_overdue_reminders(easter_monday) == 0
    assert mail.outbox == []
    assert Milestone.objects.get().reminded_on is None
    assert send_overdue_reminders(MONDAY) == 2


def test_a_milestone_nobody_could_be_emailed_about_is_not_marked(active_plan, school_leader):
    school_leader.email = ""
    school_leader.save()
    assert send_overdue_reminders(MONDAY) == 0  # no coordinator, and the owner has no address
    assert Milestone.objects.get().reminded_on is None


def test_a_failed_email_does_not_stop_or_repeat_the_others(
    active_plan, school_leader, coordinator, monkeypatch
):
    send = EmailMessage.send

    def fails_for_the_coordinator(message, *args, **kwargs):
        if message.to == [coordinator.email]:
            raise ConnectionError("The mail server is down")
        return send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", fails_for_the_coordinator)
    assert send_overdue_reminders(MONDAY) == 1
    assert [message.to for message in mail.outbox] == [[school_leader.email]]
    assert Milestone.objects.get().reminded_on == MONDAY  # committed before sending
    assert send_overdue_reminders(MONDAY + timedelta(days=1)) == 0  # the head is not emailed again
    assert len(mail.outbox) == 1


@pytest.mark.usefixtures("a_working_day")
def test_the_task_sends_the_reminders(active_plan, school_leader, coordinator):
    assert remind_overdue_milestones.call() == 2
    assert len(mail.outbox) == 2


@pytest.mark.usefixtures("a_working_day")
def test_the_command_sends_now_or_queues(active_plan, school_leader, coordinator):
    call_command("send_overdue_reminders")
    assert DBTaskResult.objects.filter(task_path=remind_overdue_milestones.module_path).count() == 1
    assert mail.outbox == []
    call_command("send_overdue_reminders", "--now")
    assert len(mail.outbox) == 2


def test_the_scheduler_queues_the_task_once_a_day(db):
    assert enqueue_daily_reminders()
    assert not enqueue_daily_reminders()
    call_command("run_scheduler", "--once")
    queued = DBTaskResult.objects.filter(task_path=remind_overdue_milestones.module_path)
    assert queued.count() == 1
    assert enqueue_daily_reminders(date.today() + timedelta(days=1))
    assert queued.count() == 2
