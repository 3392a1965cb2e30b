"""Reading a person's calendar feed the way a calendar program does."""

from typing import Any

from icalendar import Calendar

from collegium.calendars.models import CalendarFeed
from collegium.calendars.services import create_feed, digest_of

_made: dict[str, str] = {}  # token by digest: only the digest is stored, so remember the token


def feed_url(user) -> str:
    """The person's address: made here, or one made here before (a digest names one token)."""
    token = create_feed(user)
    if token is not None:
        _made[digest_of(token)] = token
    else:
        token = _made[CalendarFeed.objects.get(user=user).digest]
    return f"/calendar/feed/{token}.ics"


def read_feed(client, user) -> dict[str, Any]:
    """The feed's events by UID (asserting it is a valid calendar served as one)."""
    response = client.get(feed_url(user))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert calendar["version"] == "2.0"
    events = {str(event["uid"]): event for event in calendar.walk("VEVENT")}
    for event in events.values():
        assert {"dtstamp", "dtstart", "dtend", "summary", "sequence"} <= set(map(str.lower, event))
    return events
