"""The school-level (Fay–Herriot) fit against its REML likelihood written out densely, and
the helpers that turn published figures into sampling variances."""

import numpy as np
import pytest
from scipy import optimize

from collegium.cva import (
    CvaError,
    fit_schools,
    school_design,
    variance_from_cohort,
    variance_from_interval,
)
from collegium.cva.generate import generate_schools


def dense_reml_deviance(tau2, y, x, noise):
    v = np.diag(tau2 + noise)
    v_inv = np.linalg.inv(v)
    gram = x.T @ v_inv @ x
    p = v_inv - v_inv @ x @ np.linalg.solve(gram, x.T @ v_inv)
    return np.linalg.slogdet(v)[1] + np.linalg.slogdet(gram)[1] + y @ p @ y


def test_estimates_are_the_dense_reml_optimum():
    data = generate_schools(150, seed=3)
    design = school_design(data.intake)
    fit = fit_schools(data.outcome, design, data.schools, data.cohort, data.sampling_variance)
    x, y, noise = design.matrix, data.outcome, data.sampling_variance
    best = optimize.minimize_scalar(
        dense_reml_deviance,
        bounds=(1e-6, 1.0),
        args=(y, x, noise),
        method="bounded",
        options={"xatol": 1e-10},
    )
    assert fit.school_variance == pytest.approx(best.x, rel=1e-5)
    assert fit.criterion == pytest.approx(best.fun, abs=1e-8)
    w = 1 / (fit.school_variance + noise)
    beta = np.linalg.solve(x.T @ (x * w[:, None]), x.T @ (w * y))
    np.testing.assert_allclose(fit.coefficients, beta, rtol=1e-8)
    shown = np.isfinite(fit.effect)
    blups = fit.school_variance * w * (y - x @ beta)
    np.testing.assert_allclose(fit.effect[shown], blups[shown], rtol=1e-8)


def test_a_school_of_fewer_than_10_pupils_gets_no_figure():
    data = generate_schools(60, seed=4)
    cohort = data.cohort.copy()
    cohort[:2] = [9, 10]
    design = school_design(data.intake)
    fit = fit_schools(data.outcome, design, data.schools, cohort, data.sampling_variance)
    nine, ten = fit.school(int(data.schools[0])), fit.school(int(data.schools[1]))
    assert nine.effect is None and nine.low is None and nine.reading == "too few pupils"
    assert ten.effect is not None and ten.pupils == 10


def test_schools_whose_figures_differ_no_more_than_their_noise_have_no_school_variance():
    rng = np.random.default_rng(5)
    intake = {"pct_fsm": rng.uniform(5, 50, 40)}
    noise = np.full(40, 0.04)
    outcome = -0.01 * intake["pct_fsm"] + rng.normal(0, 0.1, 40)  # smaller than √0.04
    fit = fit_schools(outcome, school_design(intake), np.arange(40), np.full(40, 100), noise)
    assert fit.school_variance == 0.0
    assert fit.no_school_differences
    assert np.all(fit.effect == 0)
    assert {row.reading for row in fit.rows()} == {"in line with"}


def test_variances_from_published_intervals_and_from_cohorts():
    np.testing.assert_allclose(variance_from_interval([-0.2], [0.2]), [(0.4 / 3.919928) ** 2])
    np.testing.assert_allclose(variance_from_cohort([100, 25], pupil_sd=1.2), [0.0144, 0.0576])


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("duplicate", "School 100000 appears on more than one row: give each school once."),
        ("zero_variance", "The sampling variance must be above 0, not on row 1."),
        ("missing_outcome", "The outcome is missing or not a number on row 1."),
        ("fraction_cohort", "The cohort must be a whole number of pupils, not on row 1."),
        (
            "too_few",
            "There are too few schools (4) to adjust for 3 intake figures: it needs at least 6.",
        ),
    ],
)
def test_school_data_that_cannot_be_fitted_is_refused_with_the_reason(change, reason):
    data = generate_schools(30, seed=6)
    outcome, schools = data.outcome.copy(), data.schools.copy()
    cohort, noise = data.cohort.astype(float), data.sampling_variance.copy()
    intake = dict(data.intake)
    if change == "duplicate":
        schools[1] = schools[0]
    elif change == "zero_variance":
        noise[0] = 0
    elif change == "missing_outcome":
        outcome[0] = np.nan
    elif change == "fraction_cohort":
        cohort[0] = 10.5
    elif change == "too_few":
        outcome, schools, cohort, noise = outcome[:4], schools[:4], cohort[:4], noise[:4]
        intake = {name: values[:4] for name, values in intake.items()}
    with pytest.raises(CvaError) as refused:
        fit_schools(outcome, school_design(intake), schools, cohort, noise)
    assert str(refused.value) == reason


def test_an_intake_figure_the_same_for_every_school_is_left_out_with_the_reason():
    data = generate_schools(30, seed=7)
    design = school_design({**data.intake, "pct_boys": np.full(30, 50.0)})
    assert "pct_boys" not in design.names
    assert design.left_out == {
        "pct_boys": "it is the same on every row, so it cannot change any comparison"
    }
