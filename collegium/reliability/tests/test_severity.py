"""Reviewer severity: the crossed REML fit against two other implementations, and known truth."""

import mixedlm
import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

from collegium.reliability import SeverityModel, fit_crossed, severity_drift
from collegium.reliability.generate import generate_quality_data


@pytest.fixture(scope="module")
def small() -> pd.DataFrame:
    return generate_quality_data(n_reviewers=30, n_reviews=40, n_strands=4, seed=5).ratings


@pytest.fixture(scope="module")
def small_model(small) -> SeverityModel:
    return SeverityModel(halo=False).fit(small)  # the model the references fit


@pytest.fixture(scope="module")
def truth():
    return generate_quality_data(n_reviewers=150, n_reviews=300, n_strands=12, seed=8)


@pytest.fixture(scope="module")
def truth_model(truth) -> SeverityModel:
    return SeverityModel().fit(truth.ratings)


def test_variance_components_and_effects_match_mixedlm(small, small_model):
    model = small_model
    frame = small.astype({"school": "category", "reviewer": "category", "strand": "category"})
    reference = mixedlm.lmer("value ~ strand + (1|school) + (1|reviewer)", frame)
    groups = reference.VarCorr().groups
    components = {name: group.variance["(Intercept)"] for name, group in groups.items()}
    assert model.variance_components_["school"] == pytest.approx(components["school"], rel=1e-3)
    assert model.variance_components_["reviewer"] == pytest.approx(components["reviewer"], rel=1e-3)
    assert model.variance_components_["residual"] == pytest.approx(reference.sigma**2, rel=1e-3)
    levels = frame["reviewer"].cat.categories
    effects = pd.Series(reference.ranef()["reviewer"]["(Intercept)"], index=levels)
    ours = model.severity_.set_index("reviewer")["severity"]
    np.testing.assert_allclose(-ours.to_numpy(), effects[ours.index].to_numpy(), atol=1e-3)


def test_variance_components_match_statsmodels_mixedlm(small, small_model):
    model = small_model
    crossed = smf.mixedlm(
        "value ~ C(strand)",
        small.assign(everyone=1),
        groups="everyone",
        re_formula="0",
        vc_formula={"school": "0 + C(school)", "reviewer": "0 + C(reviewer)"},
    ).fit(reml=True)
    reviewer, school = crossed.vcomp  # statsmodels orders the components by name
    assert model.variance_components_["school"] == pytest.approx(school, rel=1e-3)
    assert model.variance_components_["reviewer"] == pytest.approx(reviewer, rel=1e-3)
    assert model.variance_components_["residual"] == pytest.approx(crossed.scale, rel=1e-3)


def test_either_factor_can_be_absorbed_with_the_same_result(small):
    x = np.ones((len(small), 1))
    y = small["value"].to_numpy(float)
    school, reviewer = pd.factorize(small["school"])[0], pd.factorize(small["reviewer"])[0]
    one, other = fit_crossed(x, y, school, reviewer), fit_crossed(x, y, reviewer, school)
    assert one.variance_a == pytest.approx(other.variance_b, rel=1e-4)
    np.testing.assert_allclose(one.effects_b, other.effects_a, atol=1e-5)
    np.testing.assert_allclose(one.error_variance_b, other.error_variance_a, rtol=1e-4)


def test_severity_estimates_follow_the_known_truth(truth, truth_model):
    model = truth_model
    table = model.severity_
    true = truth.severity[table["reviewer"].to_numpy()]
    assert np.corrcoef(table["severity"], true)[0, 1] >= 0.95
    covered = ((table["low"] <= true) & (true <= table["high"])).mean()
    assert covered > 0.85  # discretising to four levels costs a little coverage
    assert model.variance_components_["reviewer"] > 0


def test_a_clearly_extreme_reviewer_is_flagged_with_evidence(truth):
    ratings = truth.ratings.copy()
    harsh = ratings["reviewer"] == 0
    ratings.loc[harsh, "value"] = np.maximum(ratings.loc[harsh, "value"] - 1, 1)
    table = SeverityModel().fit(ratings).severity_.set_index("reviewer")
    assert table.loc[0, "flagged"]
    assert table.loc[0, "low"] > 0
    assert table.loc[0, "ratings"] == harsh.sum()
    assert table["flagged"].mean() < 0.2


def test_separation_reliability_is_high_when_reviewers_differ(truth_model):
    alike = generate_quality_data(150, 300, n_strands=12, severity_sd=0.0, seed=8).ratings
    assert truth_model.separation_reliability_ > 0.8
    assert SeverityModel().fit(alike).separation_reliability_ < 0.3


def test_drift_shows_a_reviewer_who_became_harsher(truth):
    ratings = truth.ratings.copy()
    reviewer = ratings["reviewer"].value_counts().index[0]
    later = (ratings["reviewer"] == reviewer) & (ratings["term"] == 2)
    ratings.loc[later, "value"] = np.maximum(ratings.loc[later, "value"] - 1, 1)
    drift = severity_drift(ratings, term="term").set_index(["reviewer", "term"])
    assert list(drift.columns[:3]) == ["severity", "low", "high"]
    change = drift.loc[(reviewer, 2), "severity"] - drift.loc[(reviewer, 0), "severity"]
    assert change > 0.4


def test_refuses_a_single_reviewer():
    ratings = pd.DataFrame(
        {"school": [1, 2], "reviewer": [1, 1], "strand": [1, 1], "value": [2, 3]}
    )
    with pytest.raises(ValueError, match="two reviewers"):
        SeverityModel().fit(ratings)


@pytest.mark.parametrize(
    "values",
    [[3, 3, 3, 3], [1, 2, 3, 4]],  # all the same; as many ratings as reviewers plus schools
)
def test_degenerate_data_is_refused_with_a_reason(values):
    ratings = pd.DataFrame(
        {"school": ["a", "a", "b", "b"], "reviewer": ["r", "s", "r", "s"], "value": values}
    )
    with pytest.raises(ValueError, match="Severity needs"):
        SeverityModel().fit(ratings, strand=None)
