"""Calendar events as iCalendar (issue 15): the .ics attached to an invitation email, and the
calendar a person's feed address serves. Built with the icalendar library (RFC 5545/5546).

Each event has a key naming what it is ("workshop-4", "review-visit-12"); its UID is the key at
the site's host, so the invitation, its updates, its cancellation and the feed all name the same
event. The CalendarEvent row remembers what was last sent: new details raise SEQUENCE (ADR 0022).
"""

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.calendars.models import CalendarEvent, CalendarFeed

PRODID = "-//Collegium//School peer review//EN"
ONE_DAY = timedelta(days=1)  # an all-day event ends (exclusive) the day after its last day
FEED_FIELDS = ["user_id", "created_at"]  # never the token: the audit trail is widely read


@dataclass(frozen=True)
class Entry:
    """One event: a date is an all-day event (end exclusive: the day after it ends), a
    datetime is at a time of day in the school's time zone."""

    key: str
    title: str
    start: date | datetime
    end: date | datetime
    location: str = ""
    description: str = ""
    url: str = ""


def uid(key: str) -> str:
    host = urlsplit(settings.SITE_URL or "").hostname or "collegium"
    return f"{key}@{host}"


def invitation(
    key: str,
    *,
    title: str,
    start: date | datetime,
    end: date | datetime,
    location: str = "",
    description: str = "",
    url: str = "",
    cancelled: bool = False,
) -> bytes:
    """A one-event calendar to attach to an email (METHOD:REQUEST, or METHOD:CANCEL): the same
    UID every time for the key, SEQUENCE raised whenever the details differ from the last
    invitation or the event is cancelled."""
    entry = Entry(key, title, start, end, location, description, url)
    sequence = _next_sequence(entry, cancelled)
    calendar = _calendar("CANCEL" if cancelled else "REQUEST")
    event = _event(entry, sequence)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{_from_address()}")
    organizer.params["cn"] = "Collegium"
    event.add("organizer", organizer)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def invitation_for(entry: Entry, cancelled: bool = False) -> bytes:
    """The invitation for an entry built by the app that owns the event (its calendar
    selectors give the feed the same entry, so the same UID)."""
    return invitation(
        entry.key,
        title=entry.title,
        start=entry.start,
        end=entry.end,
        location=entry.location,
        description=entry.description,
        url=entry.url,
        cancelled=cancelled,
    )


def feed(name: str, entries: list[Entry]) -> bytes:
    """A person's calendar (no METHOD: a published feed), each event with the UID and SEQUENCE
    of the invitations sent for it."""
    calendar = _calendar(None)
    calendar.add("x-wr-calname", name)
    sent = dict(
        CalendarEvent.objects.filter(key__in=[e.key for e in entries]).values_list(
            "key", "sequence"
        )
    )
    for entry in entries:
        calendar.add_component(_event(entry, sent.get(entry.key, 0)))
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _next_sequence(entry: Entry, cancelled: bool) -> int:
    fingerprint = _fingerprint(entry)
    with transaction.atomic():
        record, created = CalendarEvent.objects.select_for_update().get_or_create(
            key=entry.key, defaults={"fingerprint": fingerprint, "cancelled": cancelled}
        )
        if not created and (record.fingerprint != fingerprint or record.cancelled != cancelled):
            record.sequence += 1
            record.fingerprint = fingerprint
            record.cancelled = cancelled
            record.save(update_fields=["sequence", "fingerprint", "cancelled", "updated_at"])
        return record.sequence


def _fingerprint(entry: Entry) -> str:
    parts = [
        entry.title,
        _when(entry.start).isoformat(),
        _when(entry.end).isoformat(),
        entry.location,
        entry.description,
        entry.url,
    ]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _calendar(method: str | None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    return calendar


def _event(entry: Entry, sequence: int) -> Event:
    event = Event()
    event.add("uid", uid(entry.key))
    event.add("dtstamp", timezone.now().astimezone(ZoneInfo("UTC")))
    event.add("sequence", sequence)
    event.add("summary", entry.title)
    event.add("dtstart", _when(entry.start))
    event.add("dtend", _when(entry.end))
    if entry.location:
        event.add("location", entry.location)
    if entry.description:
        event.add("description", entry.description)
    if entry.url:
        event.add("url", entry.url)
    return event


def _when(value: date | datetime) -> date | datetime:
    """A date as it is; a datetime in the school's time zone (naive ones are taken to be)."""
    if not isinstance(value, datetime):
        return value
    zone = ZoneInfo(settings.TIME_ZONE)
    if timezone.is_naive(value):
        return value.replace(tzinfo=zone)
    return value.astimezone(zone)


def _from_address() -> str:
    text = settings.DEFAULT_FROM_EMAIL
    return text.split("<", 1)[1].rstrip(">").strip() if "<" in text else text.strip()


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_feed(user: User) -> str | None:
    """The token of the person's new feed address, made the first time they ask for it; None
    when they have one already (only its digest is kept: it cannot be shown again)."""
    with transaction.atomic():
        if CalendarFeed.objects.select_for_update().filter(user=user).exists():
            return None
        token = _new_token()
        made = CalendarFeed.objects.create(user=user, digest=digest_of(token))
        record_change(user, verbs.CALENDAR_ADDRESS_CREATED, made, None, snapshot(made, FEED_FIELDS))
        return token


def reset_feed(user: User) -> str:
    """A new secret address (its token): calendars still using the old one stop receiving
    events."""
    with transaction.atomic():
        current = CalendarFeed.objects.select_for_update().filter(user=user).first()
        if current is None:
            return create_feed(user) or reset_feed(user)
        before = snapshot(current, FEED_FIELDS)
        token = _new_token()
        current.digest = digest_of(token)
        current.created_at = timezone.now()
        current.save(update_fields=["digest", "created_at"])
        record_change(
            user, verbs.CALENDAR_ADDRESS_RESET, current, before, snapshot(current, FEED_FIELDS)
        )
        return token


def remove_feed(user: User) -> None:
    """The person's address stops working (their account is suspended or erased); a new one is
    made if they open their calendar page again."""
    CalendarFeed.objects.filter(user=user).delete()


def _new_token() -> str:
    return secrets.token_urlsafe(32)
