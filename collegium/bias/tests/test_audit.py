"""The bias audit on generated data with and without an injected FSM bias."""

import numpy as np
import pytest

from collegium.bias import BiasAudit
from collegium.reliability.generate import generate_quality_data


@pytest.fixture(scope="module")
def biased():
    data = generate_quality_data(n_reviewers=250, n_reviews=400, fsm_bias=0.25, seed=21)
    return data, BiasAudit().fit(data.judgements, data.schools)


@pytest.fixture(scope="module")
def fair():
    data = generate_quality_data(n_reviewers=250, n_reviews=400, fsm_bias=0.0, seed=21)
    return data, BiasAudit().fit(data.judgements, data.schools)


def test_an_injected_fsm_bias_is_found_in_every_area(biased):
    _, audit = biased
    fsm = audit.coefficients_[audit.coefficients_["predictor"] == "fsm_quintile"]
    assert len(fsm) == 4
    assert (fsm["high"] < 0).all()  # judgements fall with each FSM quintile
    assert fsm["finding"].all()
    found = audit.findings_[audit.findings_["predictor"] == "fsm_quintile"]
    assert sorted(found["area"]) == [0, 1, 2, 3]


def test_no_bias_is_found_when_none_is_injected(fair):
    _, audit = fair
    assert audit.findings_.empty
    fsm = audit.coefficients_[audit.coefficients_["predictor"] == "fsm_quintile"]
    assert ((fsm["low"] < 0) & (fsm["high"] > 0)).all()


def test_value_added_explains_judgements_in_both_cases(biased, fair):
    for _, audit in (biased, fair):
        va = audit.coefficients_[audit.coefficients_["predictor"] == "value_added"]
        assert (va["low"] > 0).all()
        assert not va["finding"].any()  # value added is the expected driver, not a bias


def test_coefficients_report_the_units_and_schools_behind_them(fair):
    data, audit = fair
    row = audit.coefficients_.iloc[0]
    assert row["schools"] == len(data.schools)
    assert row["odds_ratio"] == pytest.approx(np.exp(row["coefficient"]))
    assert set(audit.coefficients_["per"].dropna()) >= {"FSM quintile"}


def test_distribution_by_fsm_quintile_observed_against_value_added_alone(biased, fair):
    for _, audit in (biased, fair):
        shares = audit.distribution_.groupby(["area", "fsm_quintile"])[["observed", "predicted"]]
        np.testing.assert_allclose(shares.sum(), 1.0)
    # With the bias, the most disadvantaged schools get fewer of the best judgements than
    # value added predicts, and the least disadvantaged more.
    top = biased[1].distribution_.query("judgement == 4").groupby("fsm_quintile").sum()
    assert top.loc[5, "observed"] < top.loc[5, "predicted"]
    assert top.loc[1, "observed"] > top.loc[1, "predicted"]


def test_intake_measures_are_used_only_where_present():
    data = generate_quality_data(n_reviewers=80, n_reviews=120, seed=3)
    schools = data.schools.drop(columns="idaci")
    schools.loc[:5, "sen"] = np.nan  # a few schools without a SEN figure are left out
    audit = BiasAudit().fit(data.judgements, schools)
    assert "idaci" not in set(audit.coefficients_["predictor"])
    assert set(audit.coefficients_["schools"]) == {114}


def test_school_context_without_value_added_is_refused():
    data = generate_quality_data(n_reviewers=50, n_reviews=60, seed=3)
    with pytest.raises(ValueError, match="value_added"):
        BiasAudit().fit(data.judgements, data.schools.drop(columns="value_added"))


def test_a_measure_the_same_for_every_school_is_left_out():
    data = generate_quality_data(n_reviewers=80, n_reviews=120, seed=3)
    schools = data.schools.assign(income_per_pupil=5000.0)
    audit = BiasAudit().fit(data.judgements, schools)
    assert "income_per_pupil" not in set(audit.coefficients_["predictor"])
    assert "fsm_quintile" in set(audit.coefficients_["predictor"])
