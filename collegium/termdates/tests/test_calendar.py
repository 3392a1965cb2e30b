"""School working days: weekdays, not bank holidays, inside a term and outside its half term;
a year without term dates counts every working day."""

from datetime import date, timedelta

import pytest

from collegium.termdates import services
from collegium.termdates.calendar import (
    SchoolCalendar,
    add_school_working_days,
    is_school_working_day,
    not_in_term,
    school_calendar,
    school_working_days_between,
    term_week_from,
    term_week_offset,
    term_week_until,
)
from collegium.termdates.models import SchoolTerm
from collegium.termdates.usual import usual_terms

pytestmark = pytest.mark.django_db


def test_the_shipped_dates_are_england_s_usual_pattern_for_two_years():
    shipped = {
        (t.academic_year, t.season): (
            t.first_day,
            t.last_day,
            t.half_term_first_day,
            t.half_term_last_day,
        )
        for t in SchoolTerm.objects.all()
    }
    usual = {
        (year, u.season): (u.first_day, u.last_day, u.half_term_first_day, u.half_term_last_day)
        for year in (2026, 2027)
        for u in usual_terms(year)
    }
    assert shipped == usual
    assert shipped[(2026, "spring")][1] == date(2027, 3, 25)  # the Thursday before Easter
    assert shipped[(2027, "summer")][0] == date(2028, 4, 24)  # after Easter Monday's week


@pytest.mark.parametrize(
    ("day", "holiday"),
    [
        (date(2026, 8, 10), "summer"),
        (date(2026, 9, 1), "summer"),
        (date(2026, 10, 27), "autumn half term"),
        (date(2026, 12, 29), "Christmas"),
        (date(2027, 2, 16), "spring half term"),
        (date(2027, 4, 6), "Easter"),
        (date(2027, 6, 2), "summer half term"),
        (date(2027, 7, 26), "summer"),
        (date(2028, 4, 11), "Easter"),  # a late Easter: the holiday straddles it
        (date(2028, 8, 1), "summer"),
    ],
)
def test_a_day_in_the_holidays_is_not_a_school_working_day(day, holiday):
    assert school_calendar().holiday_of(day) == holiday
    assert not is_school_working_day(day)
    assert not_in_term(day) == (
        f"{day:%A %-d %B %Y} is in the school holidays ({holiday}): choose dates in term time"
    )


@pytest.mark.parametrize(
    "day", [date(2026, 9, 2), date(2026, 10, 23), date(2026, 12, 18), date(2027, 7, 22)]
)
def test_a_weekday_in_term_is_a_school_working_day(day):
    assert is_school_working_day(day)
    assert not_in_term(day) is None


def test_weekends_and_bank_holidays_in_term_are_not_school_working_days():
    assert not is_school_working_day(date(2026, 10, 3))  # a Saturday
    assert not is_school_working_day(date(2027, 5, 3))  # the early May bank holiday
    assert "is not a working day" in (not_in_term(date(2027, 5, 3)) or "")


def test_a_year_without_term_dates_counts_every_working_day():
    assert is_school_working_day(date(2030, 8, 12))  # 2029/30 has no dates: a Monday counts
    assert not is_school_working_day(date(2030, 8, 26))  # but not the bank holiday
    assert is_school_working_day(date(2025, 12, 29))  # 2025/26 has none either


def test_counting_skips_the_half_term_and_weekends():
    friday = date(2026, 10, 23)
    assert add_school_working_days(friday, 1) == date(2026, 11, 2)
    assert school_working_days_between(friday, date(2026, 11, 3)) == 2
    assert school_working_days_between(friday, friday) == 0
    with pytest.raises(ValueError):
        add_school_working_days(friday, -1)


def test_term_weeks_are_found_either_side_of_a_holiday():
    assert term_week_from(date(2026, 12, 15)) == date(2027, 1, 4)
    assert term_week_from(date(2026, 12, 14)) == date(2026, 12, 14)
    assert term_week_until(date(2026, 12, 30)) == date(2026, 12, 14)
    assert term_week_from(date(2026, 10, 26)) == date(2026, 11, 2)
    assert term_week_until(date(2026, 10, 28)) == date(2026, 10, 19)
    # 31 August 2026 starts a week with two holidays (the bank holiday and 1 September).
    assert term_week_from(date(2026, 8, 20)) == date(2026, 9, 7)


def test_the_calendar_is_read_once_and_forgotten_when_the_dates_change(
    network_admin, django_assert_num_queries
):
    assert is_school_working_day(date(2026, 10, 27)) is False
    with django_assert_num_queries(0):
        for n in range(200):
            is_school_working_day(date(2026, 9, 1) + timedelta(days=n))
    autumn = SchoolTerm.objects.get(academic_year=2026, season="autumn")
    services.change_term(
        network_admin,
        autumn,
        autumn.first_day,
        autumn.last_day,
        date(2026, 11, 2),
        date(2026, 11, 6),
    )
    assert is_school_working_day(date(2026, 10, 27))
    assert not is_school_working_day(date(2026, 11, 3))


def test_a_calendar_without_terms_counts_every_working_day():
    calendar = SchoolCalendar.of([])
    assert calendar.is_school_working_day(date(2026, 8, 10))
    assert calendar.holiday_of(date(2026, 8, 10)) is None


def test_weeks_from_now_count_only_term_weeks():
    christmas = date(2026, 12, 29)
    assert term_week_offset(0, christmas) == date(2026, 12, 14)  # the last week of term
    assert term_week_offset(-1, christmas) == date(2026, 12, 7)
    assert term_week_offset(1, christmas) == date(2027, 1, 4)
    assert term_week_offset(2, christmas) == date(2027, 1, 11)
    after_half_term = date(2026, 11, 4)
    assert term_week_offset(0, after_half_term) == date(2026, 11, 2)
    assert term_week_offset(-1, after_half_term) == date(2026, 10, 19)
    august = date(2027, 8, 10)
    assert term_week_offset(0, august) == date(2027, 7, 12)  # 22 July is a Thursday
    assert term_week_offset(1, august) == date(2027, 9, 6)
