"""The one way Collegium tells people about events: `notify` stores a notification for each
active person (listed on their notifications page) and emails it, straight away after the
change commits or in their daily digest. A failed email is recorded as failed with its error,
never as sent, and the task worker tries it again (tasks.py), waiting longer after each failure
(BACKOFF), up to MAX_ATTEMPTS times: about a day of mail server outage."""

import logging
import smtplib
import socket
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.notifications.models import EmailState, Frequency, Notification, Preference

logger = logging.getLogger(__name__)

# The wait before each retry: after the first failure 5 minutes, then 15, … up to 12 hours.
BACKOFF = [timedelta(minutes=m) for m in (5, 15, 60, 240, 480, 720)]
MAX_ATTEMPTS = len(BACKOFF) + 1  # sends of one email, the first included, before it is left
RETRYABLE = (EmailState.WAITING, EmailState.FAILED)
# Errors that say the mail server cannot be reached at all, not that it refused one email.
UNREACHABLE = (
    ConnectionError,
    TimeoutError,
    socket.gaierror,
    smtplib.SMTPConnectError,
    smtplib.SMTPServerDisconnected,
)


class MailServerUnreachable(Exception):
    pass


def absolute(link: str) -> str:
    """A link someone can follow from an email: a path is put after the site's address."""
    if link.startswith(("http://", "https://")):
        return link
    return f"{settings.SITE_URL.rstrip('/')}/{link.lstrip('/')}"


def common_context() -> dict[str, str]:
    return {"settings_link": absolute(reverse("notifications:settings"))}


def frequency_of(person: User) -> str:
    preference = Preference.objects.filter(person=person).first()
    return preference.frequency if preference else Frequency.IMMEDIATE


def notify(
    people: Iterable[User],
    event: str,
    *,
    subject: str,
    context: dict[str, Any],
    link: str,
    calendar: bytes | None = None,
    calendar_method: str = "REQUEST",
) -> list[Notification]:
    """Tell each active person (once, however often listed) about the event.

    The email is `notifications/<event>.txt` and `.html`, given `context`, the person and the
    absolute `link`. Immediate emails are sent once the current transaction commits (a
    rolled-back change tells nobody); a person who chose the daily digest gets it there."""
    link = absolute(link)
    recipients = {person.pk: person for person in people if person.is_active}
    created = [
        _store(person, event, subject, context, link, calendar, calendar_method)
        for person in recipients.values()
    ]
    waiting = [n.pk for n in created if n.email_state == EmailState.WAITING]
    if waiting:
        transaction.on_commit(lambda: send_each(waiting))
    return created


def _store(
    person: User,
    event: str,
    subject: str,
    context: dict[str, Any],
    link: str,
    calendar: bytes | None,
    calendar_method: str,
) -> Notification:
    given = {**context, "person": person, "link": link, "subject": subject, **common_context()}
    if not person.email:
        state = EmailState.NOT_EMAILED
    elif frequency_of(person) == Frequency.DAILY:
        state = EmailState.IN_DIGEST
    else:
        state = EmailState.WAITING
    return Notification.objects.create(
        recipient=person,
        event=event,
        subject=subject[:300],
        text_body=render_to_string(f"notifications/{event}.txt", given),
        html_body=render_to_string(f"notifications/{event}.html", given),
        link=link,
        email_state=state,
        calendar=calendar,
        calendar_method=calendar_method if calendar else "",
    )


def send_each(pks: Iterable[int]) -> int:
    """Send each waiting or failed notification not yet tried too often; how many were sent.
    Once the mail server cannot be reached the rest are left to the worker's retry: a page that
    sends after its change would otherwise wait out the server's timeout once per email."""
    sent = 0
    for pk in pks:
        try:
            sent += send_one(pk)
        except MailServerUnreachable:
            break
    return sent


def send_one(pk: int) -> bool:
    """Send one notification's email, holding its row so that no one else sends it too (a row
    another worker is sending is skipped, not waited for). Raises MailServerUnreachable, once
    the failure is recorded, when the server could not be reached."""
    with transaction.atomic():
        found = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(pk=pk, email_state__in=RETRYABLE, attempts__lt=MAX_ATTEMPTS)
            .first()
        )
        if found is None:
            return False
        message = EmailMultiAlternatives(
            found.subject, found.text_body, settings.DEFAULT_FROM_EMAIL, [found.recipient.email]
        )
        message.attach_alternative(found.html_body, "text/html")
        if found.calendar:
            message.attach(
                "invite.ics",
                bytes(found.calendar),
                f"text/calendar; method={found.calendar_method or 'REQUEST'}",
            )
        error = attempt(found, message, [found])
    if isinstance(error, UNREACHABLE):
        raise MailServerUnreachable from error
    return error is None


def attempt(
    found: Notification, message: EmailMultiAlternatives, covered: list[Notification]
) -> Exception | None:
    """Send the message and record the result on every notification it carries; the error
    when it could not be sent."""
    try:
        message.send()
    except Exception as error:  # any failure of the mail server: recorded, tried again later
        logger.exception("The email %r to %s could not be sent", message.subject, message.to)
        for notification in covered:
            _record(notification, EmailState.FAILED, f"{type(error).__name__}: {error}"[:1000])
        return error
    for notification in covered:
        _record(notification, EmailState.SENT, "")
    return None


def _record(notification: Notification, state: str, error: str) -> None:
    # A digest that failed stays in the digest, to be tried with the next one.
    if state == EmailState.FAILED and notification.email_state == EmailState.IN_DIGEST:
        state = EmailState.IN_DIGEST
    notification.email_state = state
    notification.attempts += 1
    notification.last_error = error
    notification.last_tried_at = timezone.now()
    if state == EmailState.SENT:
        notification.emailed_at = notification.last_tried_at
    notification.save(
        update_fields=["email_state", "attempts", "last_error", "emailed_at", "last_tried_at"]
    )


def to_retry() -> list[int]:
    """Failed emails whose wait since the last try (BACKOFF) is over, and emails still waiting
    a while after their change committed (the sending process stopped before it sent them),
    not yet tried too often."""
    now = timezone.now()
    due = Q(email_state=EmailState.WAITING, created__lt=now - timedelta(minutes=10))
    for tried, wait in enumerate(BACKOFF, start=1):
        due |= Q(email_state=EmailState.FAILED, attempts=tried, last_tried_at__lt=now - wait)
    rows = Notification.objects.filter(due, attempts__lt=MAX_ATTEMPTS)
    return list(rows.order_by("pk").values_list("pk", flat=True))


def choose_frequency(actor: User, frequency: str) -> Preference:
    """The person's choice of emails. Moving to immediate emails sends what waited for the
    digest straight away."""
    with transaction.atomic():
        preference, _ = Preference.objects.select_for_update().get_or_create(person=actor)
        before = snapshot(preference, ["frequency"])
        preference.frequency = frequency
        if frequency == Frequency.DAILY and preference.last_digest_at is None:
            preference.last_digest_at = timezone.now()
        preference.save()
        after = snapshot(preference, ["frequency"])
        record_change(actor, verbs.EMAIL_CHOICE_CHANGED, preference, before, after)
        if frequency == Frequency.IMMEDIATE:
            waiting = actor.notifications.filter(email_state=EmailState.IN_DIGEST)
            pks = list(waiting.values_list("pk", flat=True))
            waiting.update(email_state=EmailState.WAITING)
            transaction.on_commit(lambda: send_each(pks))
    return preference


def mark_read(person: User, notification: Notification | None = None) -> int:
    """Mark one of the person's notifications as read, or all of them; how many changed."""
    unread = person.notifications.filter(read_at__isnull=True)
    if notification is not None:
        unread = unread.filter(pk=notification.pk)
    return unread.update(read_at=timezone.now())
