from datetime import date

import pytest

from collegium.people.dates import (
    academic_year_label,
    coming_mondays,
    current_academic_year,
    monday_of,
    years_before,
)


@pytest.mark.parametrize(
    ("day", "year"),
    [(date(2025, 8, 31), 2024), (date(2025, 9, 1), 2025), (date(2026, 1, 15), 2025)],
)
def test_the_academic_year_starts_on_1_september(day, year):
    assert current_academic_year(day) == year


def test_academic_year_label():
    assert academic_year_label(2025) == "2025/26"
    assert academic_year_label(2099) == "2099/00"


def test_weeks_start_on_monday():
    assert monday_of(date(2025, 11, 23)) == date(2025, 11, 17)  # a Sunday
    weeks = coming_mondays(date(2025, 11, 19))
    assert len(weeks) == 40
    assert weeks[0] == date(2025, 11, 24)
    assert all(week.weekday() == 0 for week in weeks)
    assert coming_mondays(date(2025, 11, 24))[0] == date(2025, 11, 24)


def test_years_before_a_leap_day():
    assert years_before(date(2024, 2, 29), 1) == date(2023, 2, 28)
    assert years_before(date(2025, 11, 20), 5) == date(2020, 11, 20)
