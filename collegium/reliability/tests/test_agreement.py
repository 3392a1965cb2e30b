"""Agreement statistics on published reference data and hand-checkable cases."""

import krippendorff
import numpy as np
import pandas as pd
import pytest

from collegium.reliability import point_estimates, unit_statistics
from collegium.reliability.crossed import fit_crossed

N = np.nan
# Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability", section C: observers A–D
# (rows) value 12 units (columns); blanks are missing.
KRIPPENDORFF_2011 = np.array(
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
        [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
    ]
)
# Shrout & Fleiss (1979) Table 2: six targets (rows) rated by four judges (columns).
SHROUT_FLEISS = np.array(
    [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]], float
)


def long_table(matrix: np.ndarray, raters_in_rows: bool = True) -> pd.DataFrame:
    """One row per rating from a raters × units matrix (or units × raters)."""
    by_rater = matrix if raters_in_rows else matrix.T
    rows = [
        {"unit": unit, "rater": rater, "value": by_rater[rater, unit]}
        for rater in range(by_rater.shape[0])
        for unit in range(by_rater.shape[1])
        if not np.isnan(by_rater[rater, unit])
    ]
    return pd.DataFrame(rows)


def test_krippendorff_published_values():
    figures = point_estimates(unit_statistics(long_table(KRIPPENDORFF_2011)))
    assert round(figures["alpha_nominal"], 3) == 0.743
    assert round(figures["alpha_ordinal"], 3) == 0.815
    assert round(figures["alpha_interval"], 3) == 0.849


def test_unit_rated_once_is_not_pairable():
    stats = unit_statistics(long_table(KRIPPENDORFF_2011))
    assert stats.n_units == 11  # unit 12 has a single value
    assert stats.ratings.sum() == 40


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval"])
def test_alpha_matches_the_krippendorff_package_with_missing_ratings(level):
    rng = np.random.default_rng(7)
    matrix = rng.integers(1, 5, size=(6, 40)).astype(float)
    matrix[:, :20] = np.clip(matrix[:1, :20] + rng.integers(-1, 2, (6, 20)), 1, 4)
    matrix[rng.random(matrix.shape) < 0.3] = np.nan
    ours = point_estimates(unit_statistics(long_table(matrix), levels=[1, 2, 3, 4]))
    theirs = krippendorff.alpha(matrix, level_of_measurement=level, value_domain=[1, 2, 3, 4])
    assert ours[f"alpha_{level}"] == pytest.approx(theirs, abs=1e-12)


def test_exact_and_weighted_agreement_by_hand():
    # Two raters; they agree on three units and differ by one level (of a 1–3 span) on one.
    ratings = long_table(np.array([[1, 2, 3, 1], [1, 2, 3, 2]], float))
    figures = point_estimates(unit_statistics(ratings))
    assert figures["exact_agreement"] == pytest.approx(6 / 8)
    assert figures["weighted_agreement"] == pytest.approx((6 + 2 * (1 - (1 / 2) ** 2)) / 8)


def test_three_raters_on_one_unit_count_each_pair_once_per_rating():
    ratings = long_table(np.array([[1, 1], [1, 1], [2, 2]], float))
    # Per unit, 6 ordered pairs weighted 1/2: (1,1) ×2, (1,2) ×2, (2,1) ×2.
    assert point_estimates(unit_statistics(ratings))["exact_agreement"] == pytest.approx(1 / 3)


def test_perfect_agreement_scores_one():
    ratings = long_table(np.array([[1, 2, 3, 4, 2], [1, 2, 3, 4, 2], [1, 2, 3, 4, 2]], float))
    figures = point_estimates(unit_statistics(ratings))
    assert figures["alpha_ordinal"] == pytest.approx(1.0)
    assert figures["exact_agreement"] == pytest.approx(1.0)
    assert figures["icc_a1"] == pytest.approx(1.0)


def test_icc_a1_reproduces_shrout_and_fleiss_icc_2_1():
    figures = point_estimates(unit_statistics(long_table(SHROUT_FLEISS, raters_in_rows=False)))
    # Their published mean squares: targets 11.24, judges 32.49, residual 1.02 (n=6, k=4).
    published = (11.24 - 1.02) / (11.24 + 3 * 1.02 + 4 * (32.49 - 1.02) / 6)
    assert round(figures["icc_a1"], 2) == 0.29
    assert figures["icc_a1"] == pytest.approx(published, abs=5e-4)


def test_icc_a1_on_incomplete_design_agrees_with_reml_variance_components():
    rng = np.random.default_rng(3)
    units, raters = 400, 60
    unit = np.repeat(np.arange(units), 4)
    rater = np.concatenate([rng.choice(raters, 4, replace=False) for _ in range(units)])
    value = rng.normal(0, 1, units)[unit] + rng.normal(0, 0.6, raters)[rater]
    value = np.clip(np.round(value + rng.normal(0, 0.7, len(unit))) + 4, 1, 7)  # a 7-point scale
    ratings = pd.DataFrame({"unit": unit, "rater": rater, "value": value})
    moment = point_estimates(unit_statistics(ratings))["icc_a1"]
    fit = fit_crossed(np.ones((len(unit), 1)), value, unit, rater)
    reml = fit.variance_a / (fit.variance_a + fit.variance_b + fit.residual_variance)
    assert moment == pytest.approx(reml, abs=0.03)


def test_a_rater_rating_a_unit_twice_is_refused():
    ratings = pd.DataFrame({"unit": [1, 1, 1], "rater": [1, 1, 2], "value": [1, 2, 2]})
    with pytest.raises(ValueError, match="only once"):
        unit_statistics(ratings)


def test_a_value_outside_the_levels_is_refused():
    ratings = long_table(np.array([[1, 2], [1, 5]], float))
    with pytest.raises(ValueError, match="not one of the levels"):
        unit_statistics(ratings, levels=[1, 2, 3, 4])


def test_a_continuous_measure_is_refused():
    ratings = pd.DataFrame({"unit": np.repeat(np.arange(20), 2), "rater": [1, 2] * 20})
    ratings["value"] = np.linspace(0, 1, 40)
    with pytest.raises(ValueError, match="at most 20 levels"):
        unit_statistics(ratings)
