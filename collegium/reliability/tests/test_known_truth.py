"""Intervals that hold their level on data with known truth (truth.py), and honest "too few".

Coverage is counted over repeated draws; nominal 95 % intervals must cover the truth between
90 % and 100 % of the time. With the old bootstrap over strands, alpha's intervals covered
72–75 % on these data and severity without its halo term 86 %.
"""

import numpy as np
import pandas as pd
import pytest
from threadpoolctl import threadpool_limits

from collegium.reliability import SeverityModel, reliability_table
from collegium.reliability.agreement import unit_statistics
from collegium.reliability.exact import complete_table, icc_a1_exact
from collegium.reliability.tests.coverage import alpha_coverage, severity_coverage, severity_draws
from collegium.reliability.tests.test_agreement import SHROUT_FLEISS, long_table


@pytest.fixture(autouse=True)
def _one_blas_thread():
    with threadpool_limits(limits=1):  # small matrices: threads only fight on a busy machine
        yield


@pytest.fixture(scope="module")
def severities() -> pd.DataFrame:
    with threadpool_limits(limits=1):
        return severity_draws(draws=100, seed=3)


def test_alpha_and_agreement_intervals_cover_the_truth_at_their_level():
    coverage = alpha_coverage(draws=200, n_reviews=60, n_boot=300, seed=0)
    for name in ("alpha_ordinal", "alpha_interval", "exact_agreement", "icc_a1"):
        assert 0.90 <= coverage[name] <= 1.0, (name, coverage[name])


def test_strands_of_one_review_are_resampled_together():
    ratings = pd.DataFrame(
        {
            "review": np.repeat(np.arange(12), 8),
            "unit": np.repeat(np.arange(48), 2),
            "rater": np.tile([1, 2], 48),
            "value": np.random.default_rng(1).integers(1, 5, 96),
        }
    )
    table = reliability_table(ratings, n_boot=50).set_index("statistic")
    assert table.loc["alpha_ordinal", "clusters"] == 12
    assert table.loc["alpha_ordinal", "method"] == "resampling reviews"
    strands = reliability_table(ratings, n_boot=50, cluster=None).set_index("statistic")
    assert strands.loc["alpha_ordinal", "clusters"] == 48


def test_a_tiny_group_is_too_few_to_judge_with_no_interval():
    # Three reviews in perfect agreement gave "1.00 to 1.00" before.
    ratings = pd.DataFrame(
        {
            "review": np.repeat([1, 2, 3], 4),
            "unit": np.repeat(np.arange(6), 2),
            "rater": np.tile([1, 2], 6),
            "value": np.repeat([1, 2, 3, 4, 2, 3], 2),
        }
    )
    table = reliability_table(ratings)
    assert table["too_few"].all()
    assert table["low"].isna().all() and table["high"].isna().all()
    assert (table["replicates"] == 0).all()


def test_failed_resamples_are_counted_and_too_many_give_no_interval():
    # Every review in perfect agreement at one level but one: most resamples give no alpha.
    values = np.full((12, 4, 2), 3)
    values[0, :, 1] = [1, 2, 4, 2]
    ratings = pd.DataFrame(
        {
            "review": np.repeat(np.arange(12), 8),
            "unit": np.repeat(np.arange(48), 2),
            "rater": np.tile([1, 2], 48),
            "value": values.ravel(),
        }
    )
    alpha = reliability_table(ratings, n_boot=200).set_index("statistic").loc["alpha_ordinal"]
    assert not alpha["too_few"]
    assert alpha["replicates"] == 200
    assert 0 < alpha["failed"] < 200
    assert np.isnan(alpha["low"]) and np.isnan(alpha["high"])


def test_icc_interval_is_mcgraw_and_wong_exact_on_shrout_and_fleiss():
    stats = unit_statistics(long_table(SHROUT_FLEISS, raters_in_rows=False))
    table = complete_table(stats)
    assert table is not None
    low, high = icc_a1_exact(table)
    assert (round(low, 2), round(high, 2)) == (0.02, 0.76)


def test_exact_icc_interval_covers_the_truth_with_few_units_and_raters():
    rng = np.random.default_rng(2)
    units, raters, truth = 12, 4, 1.0 / (1.0 + 0.3 + 0.7)
    hits = []
    for _ in range(600):
        table = (
            rng.normal(0, 1, (units, 1))
            + rng.normal(0, np.sqrt(0.3), (1, raters))
            + rng.normal(0, np.sqrt(0.7), (units, raters))
        )
        low, high = icc_a1_exact(table)
        hits.append(low <= truth <= high)
    assert 0.90 <= np.mean(hits) <= 1.0


def test_the_exact_interval_is_used_where_every_rater_rates_every_unit():
    ratings = long_table(np.tile(SHROUT_FLEISS, (4, 1)), raters_in_rows=False)
    ratings["review"] = ratings["unit"]
    icc = reliability_table(ratings, n_boot=100).set_index("statistic").loc["icc_a1"]
    assert icc["method"] == "exact F (McGraw and Wong)"


def test_severity_intervals_with_halo_cover_the_truth(severities):
    assert 0.90 <= severity_coverage(severities) <= 1.0


def test_no_extreme_reviewer_is_called_usual_or_read_the_wrong_way(severities):
    assert set(severities["reading"]) <= {"harsher", "more lenient", "cannot tell"}
    extreme = severities[severities["truth"].abs() > severities["threshold"]]
    assert len(extreme) > 50
    wrong = ((extreme["truth"] > 0) & (extreme["reading"] == "more lenient")) | (
        (extreme["truth"] < 0) & (extreme["reading"] == "harsher")
    )
    assert not wrong.any()
    flagged = severities[severities["flagged"]]
    assert (flagged["reading"] != "cannot tell").all()


def test_a_disconnected_region_is_a_part_of_its_own_and_its_offset_is_not_severity(severities):
    isolated = severities[severities["isolated"]]
    assert (isolated["part"] >= 2).all() and (
        severities.loc[~severities["isolated"], "part"] == 1
    ).all()
    assert isolated["flagged"].mean() < 0.05  # its schools are stronger: not lenient reviewers


def test_parts_are_listed_with_their_reviewers_and_schools():
    ratings = pd.DataFrame(
        {
            "school": [1, 1, 2, 2, 3, 3, 4, 4, 1, 2, 3, 4],
            "reviewer": ["a", "b", "a", "b", "c", "d", "c", "d", "a", "b", "c", "d"],
            "strand": [1] * 8 + [2] * 4,
            "value": [3, 2, 4, 3, 1, 2, 2, 3, 3, 3, 2, 2],
        }
    )
    model = SeverityModel().fit(ratings)
    assert list(model.parts_["reviewers"]) == [2, 2]
    assert set(model.severity_["part"]) == {1, 2}


def test_halo_is_a_variance_component_of_its_own(severities):
    rng = np.random.default_rng(4)
    from collegium.reliability.tests.truth import draw_network, draw_reviews

    ratings = draw_reviews(draw_network(rng=rng), n_reviews=150, halo_sd=0.5, levels=False, rng=rng)
    components = SeverityModel().fit(ratings).variance_components_
    assert components["school_reviewer"] == pytest.approx(0.25, abs=0.1)
    assert components["residual"] == pytest.approx(0.25, abs=0.05)
