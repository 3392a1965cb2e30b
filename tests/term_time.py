"""Term-time dates for tests. Reviews, visits and workshops happen only on school working days
(collegium/termdates), so a test picks its dates here instead of a fixed distance from today,
which would land in the holidays for part of the year."""

from datetime import date, timedelta

from collegium.people.dates import current_academic_year
from collegium.termdates.calendar import (
    add_school_working_days,
    is_school_working_day,
    school_calendar,
    term_week_from,
)
from collegium.termdates.models import SchoolTerm
from collegium.termdates.services import add_year


def term_monday(weeks_ahead: int = 0, after: date | None = None) -> date:
    """The Monday of the first week wholly in term time that starts at least `weeks_ahead`
    weeks after `after` (today when not given)."""
    return term_week_from((after or date.today()) + timedelta(weeks=weeks_ahead))


def term_day(school_days: int = 0, after: date | None = None) -> date:
    """`school_days` school working days after `after` (today when not given); with 0, the
    first school working day from it (itself when it is one)."""
    start = after or date.today()
    if school_days:
        return add_school_working_days(start, school_days)
    return add_school_working_days(start - timedelta(days=1), 1)


def last_term_day(on: date | None = None) -> date:
    """The latest school working day on or before `on` (today when not given)."""
    day = on or date.today()
    while not is_school_working_day(day):
        day -= timedelta(days=1)
    return day


def holiday_week_after(day: date) -> date:
    """The Monday of the first week after `day` with no school working day (a half term or a
    holiday). The network's usual dates are added for the years around it if it has none, so
    the answer does not depend on the year the tests run in."""
    year = current_academic_year(day)
    for wanted in (year, year + 1):
        if not SchoolTerm.objects.filter(academic_year=wanted).exists():
            add_year(None, wanted)
    calendar = school_calendar()
    monday = day + timedelta(days=7 - day.weekday())
    while any(calendar.is_school_working_day(monday + timedelta(days=n)) for n in range(5)):
        monday += timedelta(weeks=1)
    return monday
