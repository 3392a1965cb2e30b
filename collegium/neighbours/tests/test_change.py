"""The change comparison of the impact page, on hand-checkable numbers and generated data."""

import random

import numpy as np
import pytest

from collegium.neighbours.change import compare_change, quartiles, years_to_compare


def test_years_run_from_the_last_year_up_to_the_review_to_the_latest():
    series = {2019: 60.0, 2022: 61.0, 2023: 64.0, 2025: 70.0}
    assert years_to_compare(series, review_year=2023) == (2023, 2025)
    assert years_to_compare(series, review_year=2021) == (2019, 2025)


def test_no_years_without_a_figure_before_the_review_or_after_it():
    assert years_to_compare({2024: 50.0, 2025: 52.0}, review_year=2023) is None
    assert years_to_compare({2021: 50.0, 2022: 52.0}, review_year=2023) is None
    assert years_to_compare({}, review_year=2023) is None


def test_median_and_quartiles_of_the_neighbours_changes():
    school = {2022: 50.0, 2024: 58.0}
    neighbours = [{2022: 40.0, 2024: 40.0 + change} for change in (5, 1, 4, 2, 3)]
    result = compare_change(school, neighbours, 2022, 2024)
    assert result.school_change == 8.0
    assert result.neighbours_counted == 5
    assert result.neighbours_median == 3.0
    assert (result.neighbours_lower_quartile, result.neighbours_upper_quartile) == (2.0, 4.0)
    assert result.difference == 5.0
    assert result.position == "above"
    assert result.enough


def test_quartiles_interpolate_between_values():
    assert quartiles([0.0, 1.0, 2.0, 10.0]) == (0.75, 4.0)
    assert quartiles([3.0]) == (3.0, 3.0)


def test_neighbours_without_both_years_are_not_counted():
    school = {2022: 50.0, 2024: 48.0}
    neighbours = [{2022: 40.0, 2024: 41.0}, {2022: 40.0}, {2024: 39.0}, {2023: 1.0}]
    result = compare_change(school, neighbours, 2022, 2024)
    assert result.neighbours_counted == 1
    assert result.neighbours_median == 1.0
    assert result.difference == -3.0
    assert result.position == "below"
    assert not result.enough


def test_no_neighbours_gives_no_median():
    result = compare_change({2022: 1.0, 2024: 2.0}, [], 2022, 2024)
    assert result.neighbours_counted == 0
    assert result.neighbours_median is None
    assert result.difference is None
    assert result.position is None


def test_the_school_must_have_both_years():
    with pytest.raises(ValueError):
        compare_change({2022: 1.0}, [], 2022, 2024)


def test_generated_neighbours_recover_the_true_change():
    """Neighbours improve by 2 points on average; the school by 6: the difference is about 4,
    and the median and quartiles agree with NumPy's."""
    rng = random.Random(7)
    neighbours = []
    for _ in range(2001):
        start = rng.uniform(40, 80)
        neighbours.append({2021: start, 2024: start + rng.gauss(2.0, 1.5)})
    result = compare_change({2021: 55.0, 2024: 61.0}, neighbours, 2021, 2024)
    changes = [n[2024] - n[2021] for n in neighbours]
    assert result.neighbours_median == pytest.approx(np.median(changes))
    lower, upper = np.percentile(changes, [25, 75])
    assert result.neighbours_lower_quartile == pytest.approx(lower)
    assert result.neighbours_upper_quartile == pytest.approx(upper)
    assert result.difference == pytest.approx(4.0, abs=0.15)
    assert result.position == "above"
