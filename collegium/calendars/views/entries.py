"""What a person's calendar holds, read through each app's selectors, each scoped to the
person and to what they may open on its page."""

from collegium.accounts.models import User
from collegium.calendars.services import Entry
from collegium.calibration.selectors import calendar_entries as calibration_entries
from collegium.improvement.selectors import calendar as improvement
from collegium.reports.selectors import calendar_entries as reports_entries
from collegium.reviews.selectors import calendar_entries as reviews_entries


def entries_for(user: User) -> list[Entry]:
    found = reviews_entries(user) + improvement.calendar_entries(user) + reports_entries(user)
    found += calibration_entries(user)
    return sorted(found, key=lambda entry: (str(entry.start), entry.key))
