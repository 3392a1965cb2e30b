"""A calibration session as a calendar event (collegium/calendars): the one entry the
invitation emails (invited, moved, cancelled) and the calendar feeds use, so a calendar holds
one copy of the session, updated in place."""

from datetime import datetime

from collegium.calendars.services import Entry
from collegium.calibration.models import CalibrationPack
from collegium.links import site_link


def session_entry(pack: CalibrationPack) -> Entry:
    assert pack.session_on and pack.session_starts_at and pack.session_ends_at
    return Entry(
        key=f"calibration-session-{pack.pk}",
        title=f"Calibration session: {pack.title}",
        start=datetime.combine(pack.session_on, pack.session_starts_at),
        end=datetime.combine(pack.session_on, pack.session_ends_at),
        location=pack.session_place,
        description=(
            "The calibration session: the moderator and the invited reviewers compare the "
            "levels they gave the anonymised evidence."
        ),
        url=site_link("calibration:mine"),
    )
