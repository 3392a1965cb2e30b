"""Reads for the calendar pages: a feed by its secret token (only its digest is kept)."""

from collegium.calendars.models import CalendarFeed
from collegium.calendars.services import digest_of
from collegium.types import Person


def feed_by_token(token: str) -> CalendarFeed | None:
    """The feed the address names, if its person may still sign in (a suspended person's
    calendar is no longer served)."""
    return (
        CalendarFeed.objects.select_related("user")
        .filter(digest=digest_of(token), user__is_active=True)
        .first()
    )


def feed_of(person: Person) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user_id=person.pk).first() if person.pk else None
