"""England's usual pattern of school terms, worked out for any academic year.

It is the shape most local authorities follow, not any one authority's dates (they vary by a few
days, and academies and voluntary-aided schools set their own), so a network admin checks the
dates it gives. The shipped term dates for 2026/27 and 2027/28 are this pattern, and adding a
year on the term dates page starts from it.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.easter import easter

from collegium.workingdays import add_working_days

LATE_EASTER = date(2000, 4, 10)  # Easter after this day (any year): the holiday straddles it


@dataclass(frozen=True)
class UsualTerm:
    season: str
    first_day: date
    last_day: date
    half_term_first_day: date
    half_term_last_day: date


def _weekday_between(first: date, weekday: int) -> date:
    """The day with this weekday (Monday 0) in the seven days from `first`."""
    return first + timedelta(days=(weekday - first.weekday()) % 7)


def _weekday_from(day: date) -> date:
    return day if day.weekday() < 5 else _weekday_between(day, 0)


def _friday_unless_midweek(day: date) -> date:
    """The day itself from Tuesday to Friday; from Saturday to Monday, the Friday before."""
    return day if 1 <= day.weekday() <= 4 else day - timedelta(days=(day.weekday() - 4) % 7)


def _half_term(monday: date) -> tuple[date, date]:
    return monday, monday + timedelta(days=4)


def usual_terms(year: int) -> list[UsualTerm]:
    """The academic year starting in September of `year`: autumn from the first weekday from
    2 September to the Friday before Christmas (half term the last full week of October),
    spring from the first working day from 4 January to Easter (half term mid-February), summer
    from after Easter to 22 July (the Friday before when that
    is a Saturday, Sunday or Monday) (half term the week of the late May bank holiday). An
    early Easter ends spring on Maundy Thursday and starts summer two weeks after Easter Monday;
    a late one is straddled by the holiday: spring ends the Friday nine days before Easter,
    summer starts the Monday after Easter Monday."""
    sunday = easter(year + 1)
    if (sunday.month, sunday.day) > (LATE_EASTER.month, LATE_EASTER.day):
        spring_ends, summer_starts = sunday - timedelta(days=9), sunday + timedelta(days=8)
    else:
        spring_ends, summer_starts = sunday - timedelta(days=3), sunday + timedelta(days=15)
    late_may = _weekday_between(date(year + 1, 5, 25), 0)  # the last Monday in May
    return [
        UsualTerm(
            "autumn",
            _weekday_from(date(year, 9, 2)),
            _weekday_between(date(year, 12, 15), 4),
            *_half_term(_weekday_between(date(year, 10, 21), 0)),
        ),
        UsualTerm(
            "spring",
            add_working_days(date(year + 1, 1, 3), 1),
            spring_ends,
            *_half_term(_weekday_between(date(year + 1, 2, 12), 0)),
        ),
        UsualTerm(
            "summer",
            summer_starts,
            _friday_unless_midweek(date(year + 1, 7, 22)),
            *_half_term(late_may),
        ),
    ]
