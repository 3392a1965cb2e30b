"""The .ics attached to invitation emails: valid iCalendar, one UID per event, SEQUENCE rising."""

from datetime import date, datetime
from typing import Any

import pytest
from icalendar import Calendar

from collegium.calendars.models import CalendarEvent
from collegium.calendars.services import invitation

pytestmark = pytest.mark.django_db


def _event(ics: bytes):
    calendar = Calendar.from_ical(ics)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def _workshop(**changes) -> bytes:
    details: dict[str, Any] = dict(
        title="Workshop: reading for pleasure",
        start=datetime(2027, 3, 3, 15, 30),
        end=datetime(2027, 3, 3, 17, 0),
        location="Ash Primary School",
        url="http://testserver/improvement/workshops/4/",
    )
    return invitation("workshop-4", **(details | changes))


def test_an_invitation_is_a_valid_request_at_a_time_in_london():
    calendar, event = _event(_workshop())
    assert calendar["method"] == "REQUEST"
    assert calendar["version"] == "2.0" and "Collegium" in calendar["prodid"]
    assert event["uid"] == "workshop-4@testserver"
    assert event["summary"] == "Workshop: reading for pleasure"
    assert event["status"] == "CONFIRMED"
    assert event["sequence"] == 0
    assert "no-reply@collegium.localhost" in str(event["organizer"])
    start = event.decoded("dtstart")
    assert (start.hour, start.minute, str(start.tzinfo)) == (15, 30, "Europe/London")
    assert event["dtstart"].params["TZID"] == "Europe/London"
    assert event.decoded("dtend").hour == 17
    assert event["location"] == "Ash Primary School"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    assert "dtstamp" in event


def test_dates_make_an_all_day_event_ending_the_day_after():
    _, event = _event(
        invitation(
            "review-visit-12", title="Review visit", start=date(2027, 3, 3), end=date(2027, 3, 5)
        )
    )
    assert event.decoded("dtstart") == date(2027, 3, 3)
    assert event.decoded("dtend") == date(2027, 3, 5)
    assert event["dtstart"].params.get("VALUE") == "DATE"


def test_the_same_details_keep_the_sequence_and_new_ones_raise_it():
    _workshop()
    assert _event(_workshop())[1]["sequence"] == 0
    moved = _event(_workshop(start=datetime(2027, 3, 4, 15, 30), end=datetime(2027, 3, 4, 17)))
    assert moved[1]["uid"] == "workshop-4@testserver"
    assert moved[1]["sequence"] == 1
    assert CalendarEvent.objects.get(key="workshop-4").sequence == 1


def test_a_cancellation_keeps_the_uid_and_raises_the_sequence():
    _workshop()
    calendar, event = _event(_workshop(cancelled=True))
    assert calendar["method"] == "CANCEL"
    assert event["status"] == "CANCELLED"
    assert event["uid"] == "workshop-4@testserver"
    assert event["sequence"] == 1
    assert _event(_workshop(cancelled=True))[1]["sequence"] == 1  # sent twice: no change


def test_other_events_have_their_own_uid_and_sequence():
    _workshop()
    _workshop(title="Workshop: phonics")
    _, other = _event(
        invitation("workshop-5", title="Other", start=date(2027, 1, 1), end=date(2027, 1, 2))
    )
    assert other["uid"] == "workshop-5@testserver"
    assert other["sequence"] == 0
