"""Overdue milestones and the daily reminders about them: one reminder per person (a
notification, emailed), listing their overdue milestones; the same milestone is not mentioned
again within 5 working days."""

import smtplib
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from collegium.improvement.models import Action, ActionPlan, Milestone
from collegium.improvement.selectors.overdue import overdue_milestones
from collegium.improvement.services.reminders import send_overdue_reminders
from collegium.improvement.tasks import enqueue_daily_reminders, remind_overdue_milestones
from collegium.improvement.tests.conftest import make_plan
from collegium.notifications.models import EmailState, Frequency, Notification, Preference
from collegium.notifications.services import BACKOFF, send_each, to_retry
from collegium.reviews.models import Review
from conftest import make_user

MONDAY = date(2025, 3, 3)  # no bank holiday that week or the next


def remind(today: date) -> int:
    """The reminders of the day, emailed once they commit: how many people were reminded."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return send_overdue_reminders(today)


def html_of(message: Any) -> str:
    """The HTML part of an email sent through notify."""
    ((html, kind),) = message.alternatives
    assert kind == "text/html"
    return str(html)


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
    assert remind(MONDAY) == 2
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
    plan_link = f"http://testserver/improvement/plans/{active_plan.pk}/"
    html = html_of(by_person[school_leader.email])
    assert f'href="{plan_link}"' in html and "Parents&#39; workshop held" in html
    reminders = Notification.objects.filter(event="milestones-overdue")
    assert {n.recipient for n in reminders} == {school_leader, coordinator}
    assert {(n.link, n.email_state) for n in reminders} == {(plan_link, EmailState.SENT)}


def test_no_second_reminder_within_five_working_days(active_plan, school_leader, coordinator):
    assert remind(MONDAY) == 2
    assert remind(MONDAY) == 0
    assert remind(MONDAY + timedelta(days=4)) == 0  # Friday: 4 working days on
    assert len(mail.outbox) == 2
    assert remind(MONDAY + timedelta(days=7)) == 2  # the next Monday
    assert len(mail.outbox) == 4


def test_a_new_overdue_milestone_is_sent_even_if_another_was_just_reminded(
    active_plan, school_leader, coordinator
):
    remind(MONDAY)
    add_milestone(active_plan, "Tutors trained", MONDAY)
    mail.outbox.clear()
    assert remind(MONDAY + timedelta(days=1)) == 2
    assert "Tutors trained" in mail.outbox[0].body
    assert "Every pupil who fell behind" not in mail.outbox[0].body
    assert mail.outbox[0].subject == "1 overdue milestone in an action plan"


def test_done_milestones_and_draft_plans_send_nothing(agreed_review, school_leader, coordinator):
    draft = make_plan(agreed_review, school_leader)
    Milestone.objects.filter(action__plan=draft).update(due_on=MONDAY - timedelta(days=30))
    assert remind(MONDAY) == 0
    draft.status = ActionPlan.Status.ACTIVE
    draft.save()
    Milestone.objects.filter(action__plan=draft).update(status="done")
    assert remind(MONDAY) == 0
    assert mail.outbox == []


def test_another_owner_gets_only_their_own_milestones(active_plan, school_leader, coordinator):
    deputy = make_user("Dee Deputy")
    action = Action.objects.create(plan=active_plan, description="Phonics tutoring", owner=deputy)
    Milestone.objects.create(action=action, description="Tutor rota", due_on=MONDAY)
    remind(MONDAY + timedelta(days=1))
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
    assert remind(saturday) == 0
    assert remind(easter_monday) == 0
    assert mail.outbox == []
    assert Milestone.objects.get().reminded_on is None
    assert remind(MONDAY) == 2


def test_a_milestone_nobody_could_be_emailed_about_is_not_marked(active_plan, school_leader):
    school_leader.email = ""
    school_leader.save()
    assert remind(MONDAY) == 0  # no coordinator, and the owner has no address
    assert Milestone.objects.get().reminded_on is None


def test_a_failed_email_is_recorded_retried_and_not_repeated(
    active_plan, school_leader, coordinator, monkeypatch
):
    real_send = EmailMultiAlternatives.send

    def refuses_the_coordinator(message, fail_silently=False):
        if message.to == [coordinator.email]:
            raise smtplib.SMTPRecipientsRefused({coordinator.email: (451, b"Mailbox busy")})
        return real_send(message, fail_silently)

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuses_the_coordinator)
    assert remind(MONDAY) == 2
    assert [message.to for message in mail.outbox] == [[school_leader.email]]
    failed = Notification.objects.get(recipient=coordinator)
    assert failed.email_state == EmailState.FAILED and "Mailbox busy" in failed.last_error
    assert Milestone.objects.get().reminded_on == MONDAY  # marked with the reminders stored
    assert remind(MONDAY + timedelta(days=1)) == 0  # nobody is reminded again
    assert Notification.objects.count() == 2

    monkeypatch.setattr(EmailMultiAlternatives, "send", real_send)
    Notification.objects.update(last_tried_at=timezone.now() - BACKOFF[0])
    assert send_each(to_retry()) == 1  # what the worker does: the reminder is not lost
    assert mail.outbox[-1].to == [coordinator.email]
    assert "Every pupil who fell behind is assessed" in mail.outbox[-1].body


def test_someone_on_the_daily_digest_gets_the_reminder_there(
    client_for, active_plan, school_leader, coordinator, outsider
):
    Preference.objects.create(person=coordinator, frequency=Frequency.DAILY)
    assert remind(MONDAY) == 2
    assert [message.to for message in mail.outbox] == [[school_leader.email]]
    waiting = Notification.objects.get(recipient=coordinator)
    assert waiting.email_state == EmailState.IN_DIGEST
    listed = reverse("notifications:list")
    assert waiting.subject in client_for(coordinator).get(listed).text
    assert waiting.subject not in client_for(outsider).get(listed).text


def test_milestones_in_several_plans_link_to_the_list_of_plans(
    active_plan, agreed_review, school_b, school_leader, coordinator
):
    """The coordinator hears of two schools' plans in one reminder."""
    at_b = Review.objects.create(
        school=school_b,
        cluster=agreed_review.cluster,
        kind=agreed_review.kind,
        framework_version=agreed_review.framework_version,
        start_date=agreed_review.start_date,
        status=Review.Status.AGREED,
        days=2,
    )
    other = ActionPlan.objects.create(
        review=at_b,
        priority_strand=active_plan.priority_strand,
        priority="Writing",
        status=ActionPlan.Status.ACTIVE,
        created_by=coordinator,
    )
    action = Action.objects.create(plan=other, description="Writing moderation", owner=coordinator)
    Milestone.objects.create(
        action=action, description="Samples moderated", due_on=MONDAY - timedelta(days=1)
    )
    assert remind(MONDAY) == 2
    reminder = Notification.objects.get(recipient=coordinator)
    assert reminder.subject == "2 overdue milestones in action plans"
    assert "Beech Primary School, improvement priority: Writing" in reminder.text_body
    assert reminder.link == "http://testserver/improvement/plans/"
    for plan in (active_plan, other):
        assert f"/improvement/plans/{plan.pk}/" in reminder.text_body
    assert Notification.objects.get(recipient=school_leader).link.endswith(
        f"/improvement/plans/{active_plan.pk}/"
    )


@pytest.mark.usefixtures("a_working_day")
def test_the_task_sends_the_reminders(active_plan, school_leader, coordinator):
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert remind_overdue_milestones.call() == 2
    assert len(mail.outbox) == 2


@pytest.mark.usefixtures("a_working_day")
def test_the_command_sends_now_or_queues(active_plan, school_leader, coordinator):
    call_command("send_overdue_reminders")
    assert DBTaskResult.objects.filter(task_path=remind_overdue_milestones.module_path).count() == 1
    assert mail.outbox == []
    with TestCase.captureOnCommitCallbacks(execute=True):
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
