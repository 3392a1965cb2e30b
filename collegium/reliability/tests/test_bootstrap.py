"""Bootstrap intervals over units and the reliability table per group."""

import numpy as np
import pandas as pd
import pytest

from collegium.reliability import (
    STATISTICS,
    point_estimates,
    reliability_summary,
    reliability_table,
    unit_statistics,
)
from collegium.reliability.bootstrap import bootstrap_replicates
from collegium.reliability.generate import generate_quality_data


@pytest.fixture(scope="module")
def ratings() -> pd.DataFrame:
    return generate_quality_data(n_reviewers=60, n_reviews=80, n_strands=8, seed=4).ratings


def test_each_replicate_equals_the_statistics_of_the_resampled_units():
    ratings = generate_quality_data(n_reviewers=30, n_reviews=30, n_strands=4, seed=9).ratings
    stats = unit_statistics(ratings, rater="reviewer")
    replicates = bootstrap_replicates(stats, n_boot=3, seed=11)
    # The same draws, applied by hand: copy every drawn unit under a new name.
    pairable = ratings.groupby("unit")["unit"].transform("size") >= 2
    names = pd.factorize(ratings.loc[pairable, "unit"])[1]
    draws = np.random.default_rng(11).integers(0, stats.n_units, size=(3, stats.n_units))
    for replicate, drawn in enumerate(draws):
        copies = [
            ratings[ratings["unit"] == names[code]].assign(unit=copy)
            for copy, code in enumerate(drawn)
        ]
        expected = point_estimates(
            unit_statistics(pd.concat(copies), rater="reviewer", levels=stats.levels)
        )
        for name in STATISTICS:
            assert replicates[name][replicate] == pytest.approx(expected[name], rel=1e-9)


def test_summary_gives_an_interval_around_each_estimate_and_the_units_behind_it(ratings):
    table = reliability_summary(unit_statistics(ratings, rater="reviewer"), n_boot=300, seed=1)
    assert list(table["statistic"]) == list(STATISTICS)
    assert (table["low"] <= table["estimate"]).all()
    assert (table["estimate"] <= table["high"]).all()
    assert (table["high"] - table["low"] > 0).all()
    assert set(table["units"]) == {ratings["unit"].nunique()}
    assert set(table["ratings"]) == {len(ratings)}


def test_intervals_are_reproducible_with_a_seed_and_vary_without(ratings):
    stats = unit_statistics(ratings, rater="reviewer")
    first = reliability_summary(stats, n_boot=100, seed=5)
    assert first.equals(reliability_summary(stats, n_boot=100, seed=5))
    assert not first.equals(reliability_summary(stats, n_boot=100, seed=6))


def test_more_units_give_narrower_intervals():
    small = generate_quality_data(n_reviewers=40, n_reviews=40, n_strands=5, seed=2).ratings
    large = generate_quality_data(n_reviewers=40, n_reviews=400, n_strands=5, seed=2).ratings
    width = [
        reliability_summary(unit_statistics(r, rater="reviewer"), n_boot=200).set_index("statistic")
        for r in (small, large)
    ]
    narrow = width[1]["high"] - width[1]["low"] < width[0]["high"] - width[0]["low"]
    assert narrow.all()


def test_table_has_one_row_per_group_and_statistic_on_one_shared_scale(ratings):
    table = reliability_table(ratings, by=["area", "term"], rater="reviewer", n_boot=50)
    groups = ratings.groupby(["area", "term"]).ngroups
    assert len(table) == groups * len(STATISTICS)
    assert list(table.columns[:3]) == ["area", "term", "statistic"]
    one = ratings[(ratings["area"] == 1) & (ratings["term"] == 2)]
    expected = point_estimates(unit_statistics(one, rater="reviewer", levels=[1, 2, 3, 4]))
    row = table[(table["area"] == 1) & (table["term"] == 2)].set_index("statistic")
    assert row.loc["alpha_ordinal", "estimate"] == pytest.approx(expected["alpha_ordinal"])
    assert row.loc["alpha_ordinal", "units"] == one["unit"].nunique()


def test_groups_without_two_pairable_units_are_left_out():
    ratings = pd.DataFrame(
        {
            "cluster": ["a", "a", "a", "a", "b", "b"],
            "unit": [1, 1, 2, 2, 3, 3],
            "rater": [1, 2, 1, 2, 1, 2],
            "value": [1, 2, 3, 3, 2, 2],
        }
    )
    table = reliability_table(ratings, by=["cluster"], n_boot=20)
    assert set(table["cluster"]) == {"a"}


def test_a_single_grouping_column_may_be_given_by_name(ratings):
    by_name = reliability_table(ratings, by="area", rater="reviewer", n_boot=20)
    by_list = reliability_table(ratings, by=["area"], rater="reviewer", n_boot=20)
    assert by_name.equals(by_list)
    assert list(by_name.columns[:2]) == ["area", "statistic"]
