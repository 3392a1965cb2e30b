"""The pupil-level fit agrees with statsmodels' MixedLM (REML) to 1e-4, and its standard
errors with Henderson's mixed-model equations solved densely.

statsmodels is fitted with conjugate gradients: its default (BFGS) stopped early on two of
six seeds here (``converged`` False, a REML deviance 1.2 higher than ours, τ² off by 0.04).
"""

import warnings

import numpy as np
import pytest
import statsmodels.api as sm

from collegium.cva import Design, fit_pupils, pupil_design
from collegium.cva.generate import generate_pupils

TOLERANCE = 1e-4


def statsmodels_fit(y, design, schools):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = sm.MixedLM(y, design.matrix, groups=schools).fit(reml=True, method=["cg"])
    assert result.converged
    return result


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_estimates_agree_with_statsmodels_mixedlm(seed):
    data = generate_pupils(2_000, 40, seed=seed)
    y = data.outcome / 10  # pupils spread by about 1: the tolerance is on a familiar scale
    design = pupil_design(**data.columns)
    ours = fit_pupils(y, design, data.schools)
    theirs = statsmodels_fit(y, design, data.schools)

    np.testing.assert_allclose(ours.coefficients, theirs.fe_params, atol=TOLERANCE, rtol=0)
    assert ours.residual_variance == pytest.approx(theirs.scale, abs=TOLERANCE)
    assert ours.school_variance == pytest.approx(
        float(np.asarray(theirs.cov_re)[0, 0]), abs=TOLERANCE
    )
    effects = np.array([float(np.asarray(theirs.random_effects[code])[0]) for code in ours.schools])
    shown = np.isfinite(ours.effect)
    assert shown.sum() >= 35
    np.testing.assert_allclose(ours.effect[shown], effects[shown], atol=TOLERANCE, rtol=0)


def test_estimates_agree_on_a_hand_made_design_with_unequal_schools():
    rng = np.random.default_rng(11)
    sizes = rng.integers(10, 80, 25)
    schools = np.repeat([f"S{j:02d}" for j in range(25)], sizes)
    n = len(schools)
    x = np.column_stack([np.ones(n), rng.normal(0, 1, n), rng.binomial(1, 0.3, n)])
    u = rng.normal(0, 0.6, 25)
    y = x @ [1.0, 2.0, -0.5] + np.repeat(u, sizes) + rng.normal(0, 1, n)
    design = Design(matrix=x, names=("intercept", "x", "flag"))
    ours = fit_pupils(y, design, schools)
    theirs = statsmodels_fit(y, design, schools)
    np.testing.assert_allclose(ours.coefficients, theirs.fe_params, atol=TOLERANCE, rtol=0)
    assert ours.school_variance == pytest.approx(
        float(np.asarray(theirs.cov_re)[0, 0]), abs=TOLERANCE
    )
    effects = np.array([float(np.asarray(theirs.random_effects[code])[0]) for code in ours.schools])
    np.testing.assert_allclose(ours.effect, effects, atol=TOLERANCE, rtol=0)


def dense_reml_deviance(ratio, y, x, z):
    """The profiled REML deviance, from the full pupil × pupil covariance matrix."""
    h = np.eye(len(y)) + ratio * z @ z.T
    h_inv_x = np.linalg.solve(h, x)
    gram = x.T @ h_inv_x
    beta = np.linalg.solve(gram, h_inv_x.T @ y)
    r = y - x @ beta
    quadratic = r @ np.linalg.solve(h, r)
    return (
        (len(y) - x.shape[1]) * np.log(quadratic)
        + np.linalg.slogdet(h)[1]
        + np.linalg.slogdet(gram)[1]
    )


def test_standard_errors_are_henderson_prediction_errors_plus_the_ratio_term():
    data = generate_pupils(1_500, 30, seed=5)
    design = pupil_design(**data.columns)
    fit = fit_pupils(data.outcome, design, data.schools)
    x, y, n_schools = design.matrix, data.outcome, len(fit.schools)
    z = (data.schools[:, None] == fit.schools[None, :]).astype(float)
    ratio = fit.school_variance / fit.residual_variance
    # Henderson's coefficient matrix; its inverse's school block × σ² is Var(û − u) for
    # known variances, allowing for β being estimated.
    c = np.block([[x.T @ x, x.T @ z], [z.T @ x, z.T @ z + np.eye(n_schools) / ratio]])
    prediction = fit.residual_variance * np.diag(np.linalg.inv(c))[x.shape[1] :]
    # Var(γ̂) = 2 / D''(γ̂), the curvature of the dense deviance by finite differences.
    step = 1e-3 * ratio
    curvature = (
        dense_reml_deviance(ratio + step, y, x, z)
        - 2 * dense_reml_deviance(ratio, y, x, z)
        + dense_reml_deviance(ratio - step, y, x, z)
    ) / step**2
    n = z.sum(axis=0)
    ratio_term = 2 * fit.residual_variance * n * (2 / curvature) / (1 + n * ratio) ** 3
    np.testing.assert_allclose(fit.standard_error**2, prediction + ratio_term, rtol=1e-4)
    assert np.all(ratio_term < 0.1 * prediction)
    blups = ratio * z.T @ (y - x @ fit.coefficients) / (1 + ratio * n)
    np.testing.assert_allclose(fit.effect, blups, rtol=1e-10)


def test_the_estimate_is_the_minimum_of_the_dense_reml_deviance():
    data = generate_pupils(1_000, 25, seed=8)
    design = pupil_design(**data.columns)
    fit = fit_pupils(data.outcome, design, data.schools)
    z = (data.schools[:, None] == fit.schools[None, :]).astype(float)
    ratio = fit.school_variance / fit.residual_variance
    at = dense_reml_deviance(ratio, data.outcome, design.matrix, z)
    for nearby in (0.99 * ratio, 1.01 * ratio):
        assert dense_reml_deviance(nearby, data.outcome, design.matrix, z) > at
    assert fit.criterion == pytest.approx(at, rel=1e-10)


def test_coefficient_errors_are_the_gls_errors():
    data = generate_pupils(1_500, 30, seed=6)
    design = pupil_design(**data.columns)
    fit = fit_pupils(data.outcome, design, data.schools)
    x = design.matrix
    same = data.schools[:, None] == data.schools[None, :]
    v = fit.school_variance * same + fit.residual_variance * np.eye(len(x))
    covariance = np.linalg.inv(x.T @ np.linalg.solve(v, x))
    np.testing.assert_allclose(fit.coefficient_errors, np.sqrt(np.diag(covariance)), rtol=1e-8)
