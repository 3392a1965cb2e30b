"""C1 time limits, all in school working days (term-time weekdays that are not bank holidays,
collegium/termdates/calendar.py): when a complaint may be raised, when each stage's outcome is due,
how long the school has to take an outcome further, and when the handler is reminded."""

from datetime import date, datetime

from django.utils import timezone

from collegium.termdates.calendar import add_school_working_days

RAISE_WITHIN = 10  # after the report is final
STAGE_DAYS = {1: 5, 2: 10, 3: 15}  # from the day the stage opens to its outcome
ANSWER_WITHIN = 10  # after an outcome, for the school to take it further
REMIND_BEFORE = 2  # the handler is reminded this many working days before the due day


def last_day_to_raise(finalised_at: datetime | None) -> date | None:
    """The last day a complaint may be raised; None while the report is not final."""
    if finalised_at is None:
        return None
    return add_school_working_days(timezone.localdate(finalised_at), RAISE_WITHIN)


def stage_due(opened_on: date, number: int) -> date:
    return add_school_working_days(opened_on, STAGE_DAYS[number])


def answer_due(decided_on: date) -> date:
    return add_school_working_days(decided_on, ANSWER_WITHIN)


def day(d: date) -> str:
    return f"{d:%-d %B %Y}"
