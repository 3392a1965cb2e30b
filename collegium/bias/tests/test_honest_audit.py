"""The bias audit knows its power: false findings, noisy value added, separation, empty audits."""

import numpy as np
import pandas as pd
import pytest
from threadpoolctl import threadpool_limits

from collegium.bias import MIN_SCHOOLS, BiasAudit, minimum_schools
from collegium.reliability.tests.truth import draw_audit


def test_the_minimum_comes_from_a_power_calculation():
    assert minimum_schools() == MIN_SCHOOLS
    assert 60 <= MIN_SCHOOLS <= 150
    assert minimum_schools(effect=0.25) > 3 * MIN_SCHOOLS  # half the bias, four times the schools


def test_false_findings_stay_at_or_below_five_percent_at_the_minimum():
    # Two areas, 60 draws: 3 audits with a finding (5.0 %); about 70 s on a busy machine.
    rng = np.random.default_rng(7)
    with threadpool_limits(limits=1):
        found = [
            not BiasAudit().fit(*draw_audit(MIN_SCHOOLS, 2, 0.75, rng=rng)).findings_.empty
            for _ in range(60)
        ]
    assert np.mean(found) <= 0.05


def test_noisy_value_added_is_not_reported_as_bias():
    judgements, schools = draw_audit(1500, n_areas=1, reliability=0.6, rng=np.random.default_rng(3))
    naive = BiasAudit(value_added_reliability=None).fit(judgements, schools)
    assert not naive.findings_.empty  # intake stands in for what noisy value added misses
    honest = BiasAudit(value_added_reliability=0.6).fit(judgements, schools)
    assert honest.findings_.empty


def test_a_real_bias_is_still_found_and_the_detectable_size_is_given():
    judgements, schools = draw_audit(800, n_areas=1, fsm_bias=0.4, rng=np.random.default_rng(5))
    audit = BiasAudit().fit(judgements, schools)
    fsm = audit.coefficients_.set_index("predictor").loc["fsm_quintile"]
    assert fsm["finding"]
    assert 0 < fsm["detectable"] < 0.4
    assert fsm["detectable"] == pytest.approx(
        (fsm["high_simultaneous"] - fsm["coefficient"]) / fsm["std_error"] * fsm["std_error"]
        + 0.8416 * fsm["std_error"],
        rel=1e-3,
    )


def test_separated_data_are_warned_about_and_give_no_finding():
    schools = pd.DataFrame(
        {
            "school": range(100),
            "value_added": np.random.default_rng(1).normal(0, 1, 100),
            "fsm_quintile": np.repeat([1, 2, 3, 4, 5], 20),
        }
    )
    judgements = pd.DataFrame(
        {
            "school": range(100),
            "area": "A",
            "judgement": np.where(schools["fsm_quintile"] > 3, 1, 2),
        }
    )
    audit = BiasAudit().fit(judgements, schools)
    assert audit.areas_.set_index("area").loc["A", "status"] == "separated"
    assert audit.coefficients_["separated"].all()
    assert audit.findings_.empty
    assert "sorted completely" in audit.warnings_[0]


def test_an_empty_audit_says_why_for_each_area():
    judgements, schools = draw_audit(MIN_SCHOOLS + 10, n_areas=2, rng=np.random.default_rng(2))
    judgements.loc[judgements["area"] == 1, "judgement"] = 3
    few = judgements[judgements["school"] < 20].assign(area=2)
    audit = BiasAudit().fit(pd.concat([judgements, few]), schools)
    status = audit.areas_.set_index("area")
    assert status.loc[0, "status"] == "audited"
    assert status.loc[1, "status"] == "all the same"
    assert status.loc[1, "schools"] >= MIN_SCHOOLS
    assert status.loc[2, "status"] == "too few schools"
    assert status.loc[2, "schools"] == 20 and status.loc[2, "minimum"] == MIN_SCHOOLS
    assert set(audit.coefficients_["area"]) == {0}
