"""Working days skip weekends and England and Wales bank holidays."""

from datetime import date

import pytest

from collegium.workingdays import add_working_days, is_working_day, working_days_between


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 11, 23), 5, date(2026, 11, 30)),  # Monday + 5 = next Monday
        (date(2026, 11, 27), 1, date(2026, 11, 30)),  # Friday + 1 skips the weekend
        (date(2026, 12, 22), 5, date(2026, 12, 31)),  # Christmas Day and Boxing Day (28th)
        (date(2027, 3, 24), 5, date(2027, 4, 2)),  # Good Friday 26 March, Easter Monday 29th
        (date(2026, 8, 28), 1, date(2026, 9, 1)),  # summer bank holiday 31 August
        (date(2026, 11, 23), 0, date(2026, 11, 23)),
    ],
)
def test_add_working_days(start, days, expected):
    assert add_working_days(start, days) == expected


def test_bank_holidays_and_weekends_are_not_working_days():
    assert not is_working_day(date(2026, 12, 25))
    assert not is_working_day(date(2027, 5, 3))  # early May bank holiday
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert is_working_day(date(2026, 11, 24))


def test_working_days_between_counts_the_gap():
    assert working_days_between(date(2026, 12, 22), date(2026, 12, 31)) == 5
    assert working_days_between(date(2026, 12, 31), date(2026, 12, 22)) == 0


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 11, 23), -1)
