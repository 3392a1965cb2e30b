"""Academic years and review weeks: the calendar the register's dates are kept in."""

from datetime import date, timedelta

from django.utils import timezone

WEEKS_OFFERED = 40


def today() -> date:
    return timezone.localdate()


def current_academic_year(on: date | None = None) -> int:
    """The year the academic year containing the day starts in (it starts on 1 September)."""
    on = on or today()
    return on.year if on.month >= 9 else on.year - 1


def academic_year_label(start: int) -> str:
    return f"{start}/{(start + 1) % 100:02d}"


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def coming_mondays(on: date | None = None, count: int = WEEKS_OFFERED) -> list[date]:
    """The Mondays of the next weeks, starting with the coming Monday (today if it is one)."""
    on = on or today()
    first = on + timedelta(days=(7 - on.weekday()) % 7)
    return [first + timedelta(weeks=n) for n in range(count)]


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)
