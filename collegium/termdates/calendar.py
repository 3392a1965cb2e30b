"""School working days: Monday to Friday, not a bank holiday (England and Wales), inside one of
the network's terms and not in its half term. Reviews, visits and workshops happen on these days,
and the deadlines of complaints (C1) count them.

A day in an academic year for which the network has no term dates at all counts whenever it is a
working day, so past records and far-future dates still work; the term dates page names those
years. The summer holiday belongs to both years it joins: August before a year with dates is a
holiday even when the year before has none.

Pages and loops ask about many days, so the term dates are read once into a `SchoolCalendar` and
kept in the cache; saving or deleting a term clears it (signals.py). With the default cache,
which each process keeps for itself, another process reads a change within CACHE_SECONDS.
"""

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.cache import cache

from collegium.people.dates import current_academic_year
from collegium.people.dates import today as current_day
from collegium.workingdays import is_working_day

CACHE_KEY = "termdates:calendar"
CACHE_SECONDS = 300
WEEKS_SEARCHED = 520  # ten years: how far the term-week searches look before giving up
# The holiday that comes before each term.
HOLIDAY_BEFORE = {"autumn": "summer", "spring": "Christmas", "summer": "Easter"}
HOLIDAY_AFTER = {"autumn": "Christmas", "spring": "Easter", "summer": "summer"}


@dataclass(frozen=True)
class TermSpan:
    academic_year: int
    season: str
    first_day: date
    last_day: date
    half_term_first_day: date
    half_term_last_day: date

    def holds(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day

    def in_half_term(self, day: date) -> bool:
        return self.half_term_first_day <= day <= self.half_term_last_day


@dataclass(frozen=True)
class SchoolCalendar:
    terms: tuple[TermSpan, ...]  # in order of their first day
    years: frozenset[int] = field(init=False)
    starts: tuple[date, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "years", frozenset(t.academic_year for t in self.terms))
        object.__setattr__(self, "starts", tuple(t.first_day for t in self.terms))

    @classmethod
    def of(cls, terms: Iterable[TermSpan]) -> "SchoolCalendar":
        return cls(tuple(sorted(terms, key=lambda t: t.first_day)))

    def has_dates_for(self, day: date) -> bool:
        """The network has term dates for the day's academic year; August, in the summer
        holiday, also counts with the year that starts in September."""
        year = current_academic_year(day)
        return year in self.years or (day.month == 8 and year + 1 in self.years)

    def term_holding(self, day: date) -> TermSpan | None:
        index = bisect_right(self.starts, day) - 1
        if index >= 0 and self.terms[index].holds(day):
            return self.terms[index]
        return None

    def holiday_of(self, day: date) -> str | None:
        """The school holiday the day is in ("summer", "autumn half term"…), or None when it is
        in term time or in a year without term dates. Weekends and bank holidays are not asked
        about here."""
        term = self.term_holding(day)
        if term is not None:
            return f"{term.season} half term" if term.in_half_term(day) else None
        if not self.has_dates_for(day):
            return None
        index = bisect_right(self.starts, day)
        if index < len(self.terms):
            return HOLIDAY_BEFORE[self.terms[index].season]
        return HOLIDAY_AFTER[self.terms[-1].season]

    def is_school_working_day(self, day: date) -> bool:
        return is_working_day(day) and self.holiday_of(day) is None

    def is_term_week(self, monday: date) -> bool:
        """Every day from this Monday to its Friday is a school working day."""
        return all(self.is_school_working_day(monday + timedelta(days=n)) for n in range(5))


def _read() -> SchoolCalendar:
    from collegium.termdates.models import SchoolTerm  # other apps' models may import this

    rows = SchoolTerm.objects.values_list(
        "academic_year",
        "season",
        "first_day",
        "last_day",
        "half_term_first_day",
        "half_term_last_day",
    )
    return SchoolCalendar.of(TermSpan(*row) for row in rows)


def school_calendar() -> SchoolCalendar:
    """The network's term dates, read from the cache when they are there."""
    found: SchoolCalendar | None = cache.get(CACHE_KEY)
    if found is None:
        found = _read()
        cache.set(CACHE_KEY, found, CACHE_SECONDS)
    return found


def forget_term_dates() -> None:
    cache.delete(CACHE_KEY)


def is_school_working_day(day: date) -> bool:
    return school_calendar().is_school_working_day(day)


def add_school_working_days(start: date, days: int) -> date:
    """The date `days` school working days after `start` (start itself is not counted)."""
    if days < 0:
        raise ValueError("days must not be negative")
    calendar, day = school_calendar(), start
    while days:
        day += timedelta(days=1)
        if calendar.is_school_working_day(day):
            days -= 1
    return day


def school_working_days_between(start: date, end: date) -> int:
    """School working days after `start` up to and including `end` (0 when end is not after)."""
    calendar, count, day = school_calendar(), 0, start
    while day < end:
        day += timedelta(days=1)
        count += calendar.is_school_working_day(day)
    return count


def not_in_term(day: date, advice: str = "choose dates in term time") -> str | None:
    """Why the day is not a school working day, in words a person can act on; None if it is."""
    if not is_working_day(day):
        return (
            f"{day:%A %-d %B %Y} is not a working day: choose a weekday that is not a bank holiday"
        )
    holiday = school_calendar().holiday_of(day)
    if holiday is not None:
        return f"{day:%A %-d %B %Y} is in the school holidays ({holiday}): {advice}"
    return None


def term_week_from(day: date) -> date:
    """The Monday of the first week wholly in term time starting on or after `day`."""
    calendar = school_calendar()
    monday = day + timedelta(days=(7 - day.weekday()) % 7)
    for _ in range(WEEKS_SEARCHED):
        if calendar.is_term_week(monday):
            return monday
        monday += timedelta(weeks=1)
    raise ValueError(f"No week wholly in term time in the ten years from {day}")


def term_week_until(day: date) -> date:
    """The Monday of the last week wholly in term time starting on or before `day`."""
    calendar = school_calendar()
    monday = day - timedelta(days=day.weekday())
    for _ in range(WEEKS_SEARCHED):
        if calendar.is_term_week(monday):
            return monday
        monday -= timedelta(weeks=1)
    raise ValueError(f"No week wholly in term time in the ten years to {day}")


def term_week_offset(weeks_from_now: int, today: date | None = None) -> date:
    """The Monday `weeks_from_now` weeks wholly in term time from this one, counting only such
    weeks: 0 is this week if it is in term, else the last term week before it; -n is the n-th
    term week before that, n the n-th term week after this one. Past weeks move earlier and
    future ones later, so the demo, which places its reviews this way, loads on any day of the
    year with their order and spacing in term weeks kept."""
    day = today or current_day()
    monday = day - timedelta(days=day.weekday())
    if weeks_from_now > 0:
        for _ in range(weeks_from_now):
            monday = term_week_from(monday + timedelta(weeks=1))
        return monday
    monday = term_week_until(monday)
    for _ in range(-weeks_from_now):
        monday = term_week_until(monday - timedelta(weeks=1))
    return monday
