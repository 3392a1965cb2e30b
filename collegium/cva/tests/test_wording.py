"""The reading (above / in line with / below) is decided by the 95 % interval, and the
sentence says it with the interval in words."""

import pytest

from collegium.cva import MIN_PUPILS, Reading, SchoolEffect, describe


def school(effect, low, high, pupils=120):
    return SchoolEffect(
        school=1, pupils=pupils, effect=effect, standard_error=0.1, low=low, high=high
    )


@pytest.mark.parametrize(
    ("low", "high", "reading"),
    [
        (0.11, 0.73, Reading.ABOVE),
        (-0.73, -0.11, Reading.BELOW),
        (-0.2, 0.4, Reading.IN_LINE),
        (0.0, 0.4, Reading.IN_LINE),  # an interval that reaches 0 contains it
        (-0.4, 0.0, Reading.IN_LINE),
    ],
)
def test_the_interval_decides_the_reading(low, high, reading):
    assert school((low + high) / 2, low, high).reading is reading


def test_above():
    assert describe(school(0.42, 0.11, 0.73)) == (
        "Above what schools with a similar intake achieve: 0.42 points higher. We are 95 % "
        "sure the difference is between 0.11 and 0.73 points."
    )


def test_below_with_a_true_minus_sign_and_the_caller_s_unit():
    assert describe(school(-2.5, -4.25, -0.75), unit="Attainment 8 points", decimals=1) == (
        "Below what schools with a similar intake achieve: 2.5 Attainment 8 points lower. We "
        "are 95 % sure the difference is between −4.2 and −0.8 Attainment 8 points."
    )


def test_in_line():
    assert describe(school(0.1, -0.2, 0.4)) == (
        "In line with what schools with a similar intake achieve: the difference, 0.10 points, "
        "is within what chance alone could give. We are 95 % sure the difference is between "
        "−0.20 and 0.40 points."
    )


def test_a_negative_figure_that_rounds_to_zero_has_no_minus_sign():
    assert "the difference, 0.00 points" in describe(school(-0.001, -0.3, 0.3))


def test_too_few_pupils_gives_no_figure():
    row = SchoolEffect(
        school=1, pupils=MIN_PUPILS - 1, effect=None, standard_error=None, low=None, high=None
    )
    assert row.reading is Reading.TOO_FEW
    assert describe(row) == (
        "Too few pupils for a figure: 9 pupils, and results are shown only for groups of 10 "
        "pupils or more."
    )
