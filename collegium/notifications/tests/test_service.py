"""The notification service: stored for each active person, emailed as text and HTML with the
absolute link, a failed send recorded as failed (never sent) and tried again by the worker, the
daily digest, and the choice between them."""

import smtplib
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.notifications import tasks
from collegium.notifications.digest import send_digests
from collegium.notifications.models import EmailState, Frequency, Notification, Preference
from collegium.notifications.services import (
    BACKOFF,
    MAX_ATTEMPTS,
    choose_frequency,
    notify,
    to_retry,
)
from conftest import make_user

LINK = "http://testserver/reviews/1/"


def tell(people, body="The review moved.", **kwargs):
    return notify(
        people,
        "judgement-changed",
        subject="Something happened",
        context={"body": body},
        link="/reviews/1/",
        **kwargs,
    )


def html_of(message: Any) -> str:
    ((html, kind),) = message.alternatives
    assert kind == "text/html"
    return str(html)


@pytest.fixture
def failing_mail(monkeypatch):
    """The mail server refuses every email until `working` is set."""
    state = {"working": False}
    real_send = EmailMultiAlternatives.send

    def send(message, fail_silently=False):
        if not state["working"]:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return real_send(message, fail_silently)

    monkeypatch.setattr(EmailMultiAlternatives, "send", send)
    return state


def test_each_active_person_gets_one_notification_and_email_with_the_absolute_link(
    outsider, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tell([outsider, reviewer, outsider])
    assert Notification.objects.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([outsider.email, reviewer.email])
    message = mail.outbox[0]
    assert message.subject == "Something happened"
    assert "The review moved." in message.body
    assert f'href="{LINK}"' in html_of(message)
    stored = Notification.objects.get(recipient=outsider)
    assert stored.link == LINK and stored.email_state == EmailState.SENT
    assert stored.attempts == 1 and stored.emailed_at is not None


def test_a_suspended_person_is_neither_notified_nor_emailed(
    outsider, reviewer, django_capture_on_commit_callbacks
):
    outsider.is_active = False
    outsider.save()
    with django_capture_on_commit_callbacks(execute=True):
        tell([outsider, reviewer])
    assert not Notification.objects.filter(recipient=outsider).exists()
    assert [m.to for m in mail.outbox] == [[reviewer.email]]


def test_nothing_is_emailed_before_the_change_commits(outsider, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        tell([outsider])
    assert not mail.outbox and len(callbacks) == 1
    assert Notification.objects.get().email_state == EmailState.WAITING


def test_someone_without_an_address_is_notified_in_the_service_only(
    outsider, django_capture_on_commit_callbacks
):
    outsider.email = ""
    outsider.save()
    with django_capture_on_commit_callbacks(execute=True):
        tell([outsider])
    assert Notification.objects.get().email_state == EmailState.NOT_EMAILED
    assert not mail.outbox


def test_a_failed_send_is_recorded_as_failed_and_the_worker_sends_it_later(
    outsider, failing_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tell([outsider])
    failed = Notification.objects.get()
    assert failed.email_state == EmailState.FAILED and failed.emailed_at is None
    assert "Connection unexpectedly closed" in failed.last_error and failed.attempts == 1
    assert not mail.outbox
    assert not tasks.enqueue_retry()  # not before the first wait is over
    Notification.objects.update(last_tried_at=timezone.now() - BACKOFF[0])
    assert tasks.enqueue_retry()  # the scheduler queues a retry
    assert not tasks.enqueue_retry()  # once
    failing_mail["working"] = True
    assert tasks.retry_emails.call() == 1
    failed.refresh_from_db()
    assert failed.email_state == EmailState.SENT and failed.attempts == 2
    assert failed.last_error == ""
    assert [m.to for m in mail.outbox] == [[outsider.email]]
    assert tasks.retry_emails.call() == 0  # never sent twice


def test_once_the_mail_server_cannot_be_reached_the_rest_wait_for_the_worker(
    outsider, reviewer, lead_reviewer, failing_mail, monkeypatch, django_capture_on_commit_callbacks
):
    tries = []
    server_down = EmailMultiAlternatives.send

    def counted(message, fail_silently=False):
        tries.append(message.to)
        return server_down(message, fail_silently)

    monkeypatch.setattr(EmailMultiAlternatives, "send", counted)
    with django_capture_on_commit_callbacks(execute=True):
        tell([outsider, reviewer, lead_reviewer])
    assert len(tries) == 1  # the page waited for one timeout, not three
    states = sorted(Notification.objects.values_list("email_state", flat=True))
    assert states == [EmailState.FAILED, EmailState.WAITING, EmailState.WAITING]
    Notification.objects.update(created=timezone.now() - timedelta(minutes=11))
    Notification.objects.update(last_tried_at=timezone.now() - BACKOFF[0])
    failing_mail["working"] = True
    assert tasks.retry_emails.call() == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        p.email for p in (outsider, reviewer, lead_reviewer)
    )


def test_an_address_the_server_refuses_does_not_hold_back_the_others(
    outsider, reviewer, monkeypatch, django_capture_on_commit_callbacks
):
    real_send = EmailMultiAlternatives.send

    def send(message, fail_silently=False):
        if message.to == [outsider.email]:
            raise smtplib.SMTPRecipientsRefused({outsider.email: (550, b"No such mailbox")})
        return real_send(message, fail_silently)

    monkeypatch.setattr(EmailMultiAlternatives, "send", send)
    with django_capture_on_commit_callbacks(execute=True):
        tell([outsider, reviewer])
    assert [m.to for m in mail.outbox] == [[reviewer.email]]
    assert Notification.objects.get(recipient=outsider).email_state == EmailState.FAILED


def test_the_worker_gives_up_after_the_last_attempt(
    outsider, failing_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tell([outsider])
    for _ in range(MAX_ATTEMPTS + 2):
        a_day_ago = timezone.now() - timedelta(days=1)
        Notification.objects.update(last_tried_at=a_day_ago)  # every wait is over
        tasks.retry_emails.call()
    failed = Notification.objects.get()
    assert failed.email_state == EmailState.FAILED and failed.attempts == MAX_ATTEMPTS
    assert not tasks.enqueue_retry()


def test_a_calendar_invitation_is_attached(outsider, django_capture_on_commit_callbacks):
    calendar = b"BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n"
    with django_capture_on_commit_callbacks(execute=True):
        tell([outsider], calendar=calendar, calendar_method="CANCEL")
    (message,) = mail.outbox
    raw = message.message().as_string()
    assert 'text/calendar; method="CANCEL"' in raw and 'filename="invite.ics"' in raw
    assert "METHOD:CANCEL" in raw


def test_a_daily_digest_batches_everything_new_in_one_email(
    outsider, reviewer, django_capture_on_commit_callbacks
):
    Preference.objects.create(person=outsider, frequency=Frequency.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        tell([outsider, reviewer])
        notify(
            [outsider],
            "judgement-changed",
            subject="Another thing",
            context={"body": "More."},
            link="/reviews/2/",
        )
    assert [m.to for m in mail.outbox] == [[reviewer.email]]  # straight away: not the digest
    waiting = Notification.objects.filter(recipient=outsider)
    assert {n.email_state for n in waiting} == {EmailState.IN_DIGEST}
    assert tasks.enqueue_daily_digests() and not tasks.enqueue_daily_digests()
    assert send_digests() == 1
    digest = mail.outbox[-1]
    assert digest.to == [outsider.email]
    assert digest.subject == "Your daily summary from Collegium: 2 new notifications"
    assert "Something happened\nhttp://testserver/reviews/1/" in digest.body
    assert 'href="http://testserver/reviews/2/"' in html_of(digest)
    assert {n.email_state for n in waiting.all()} == {EmailState.SENT}
    assert send_digests() == 0  # nothing new since the last digest


def test_a_failed_digest_keeps_its_notifications_for_the_next_one(
    outsider, failing_mail, django_capture_on_commit_callbacks
):
    Preference.objects.create(person=outsider, frequency=Frequency.DAILY)
    tell([outsider])
    assert send_digests() == 0
    kept = Notification.objects.get()
    assert kept.email_state == EmailState.IN_DIGEST and "unexpectedly closed" in kept.last_error
    failing_mail["working"] = True
    assert send_digests() == 1
    kept.refresh_from_db()
    assert kept.email_state == EmailState.SENT


def test_moving_back_to_immediate_emails_sends_what_waited(
    outsider, django_capture_on_commit_callbacks
):
    choose_frequency(outsider, Frequency.DAILY)
    tell([outsider])
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        choose_frequency(outsider, Frequency.IMMEDIATE)
    assert [m.to for m in mail.outbox] == [[outsider.email]]
    assert Notification.objects.get().email_state == EmailState.SENT
    changes = AuditEvent.objects.filter(action=verbs.EMAIL_CHOICE_CHANGED)
    assert [e.after for e in changes.order_by("pk")] == [
        {"frequency": "daily"},
        {"frequency": "immediate"},
    ]


def test_someone_new_gets_emails_straight_away(db):
    person = make_user("New Person")
    tell([person])
    assert Notification.objects.get().email_state == EmailState.WAITING


def test_each_retry_waits_longer_and_the_tries_last_about_a_day(
    outsider, failing_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tell([outsider])
    stored = Notification.objects.get()
    for tried, wait in enumerate(BACKOFF, start=1):
        stored.refresh_from_db()
        assert stored.attempts == tried
        Notification.objects.update(last_tried_at=timezone.now() - wait + timedelta(minutes=1))
        assert to_retry() == []  # a minute before the wait is over
        Notification.objects.update(last_tried_at=timezone.now() - wait)
        assert to_retry() == [stored.pk]
        tasks.retry_emails.call()
    assert Notification.objects.get().attempts == MAX_ATTEMPTS
    assert timedelta(hours=20) <= sum(BACKOFF, timedelta()) <= timedelta(hours=30)


def test_the_mail_server_is_given_a_timeout():
    """A silent mail server must not hold a page (or the worker) for ever."""
    from collegium import settings as configured

    assert configured._SMTP_OPTIONS["timeout"] == 10
