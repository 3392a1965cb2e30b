"""School-level contextual value added, for national files that have no pupils.

A Fay–Herriot model: each school's published figure y_j (a progress score, say) is its true
figure plus the sampling error of a finite cohort, and the true figure is what its intake
predicts plus the school's own effect:

    y_j = x_j·β + u_j + e_j,    u_j ~ N(0, τ²),  e_j ~ N(0, v_j) with v_j known

x_j holds the intake (FSM %, EAL %, SEN %, size, prior attainment where the files carry it;
`school_design` builds it) and v_j the sampling variance of the school's figure: from the
published confidence interval (`variance_from_interval`) or from the cohort and a
pupil-level spread (`variance_from_cohort`). It is the pupil-level model with one "pupil"
per school whose noise is known, so the same REML search applies, now over τ² itself. With
W = diag(1 / (τ² + v_j)), A = X'WX, β̂ = A⁻¹X'Wy and r = y − Xβ̂:

    D(τ²)  = Σ log(τ² + v_j) + log |A| + r'Wr
    D'(τ²) = Σ W_j − tr(A⁻¹ X'W²X) − Σ W_j² r_j²

The effect is û_j = B_j r_j with B_j = τ² / (τ² + v_j): a school with a small cohort (large
v_j) is pulled further towards what its intake predicts. Its comparative variance is
g1 + g2 + 2 g3 (Prasad & Rao): g1 = τ² v_j / (τ² + v_j), g2 = B_j² x_j'A⁻¹x_j for β being
estimated, g3 = v_j² Var(τ̂²) / (τ² + v_j)³ for τ² being estimated.
"""

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import linalg

from collegium.cva import reml
from collegium.cva.checks import (
    cholesky,
    finite_matrix,
    finite_vector,
    independent_columns,
    rows_named,
    same_length,
    school_codes,
)
from collegium.cva.design import Design, design_from_columns
from collegium.cva.errors import CvaError
from collegium.cva.results import Z_95, CvaFit, hide_small_groups


def school_design(intake: Mapping[str, ArrayLike]) -> Design:
    """An intercept and one column per named intake figure, one row per school, e.g.
    ``{"pct_fsm": …, "pct_eal": …, "pct_sen": …, "log_pupils": …, "prior_attainment": …}``.
    A figure that is the same for every school is left out (``Design.left_out``)."""
    columns = {name: finite_vector(values, name) for name, values in intake.items()}
    same_length(**{name: len(values) for name, values in columns.items()})
    rows = len(next(iter(columns.values()))) if columns else 0
    return design_from_columns({"intercept": np.ones(rows), **columns})


def variance_from_interval(low: ArrayLike, high: ArrayLike) -> NDArray[np.float64]:
    """Sampling variances from published 95 % confidence intervals: ((high − low) / 3.92)²."""
    lows, highs = (
        finite_vector(low, "lower confidence limit"),
        finite_vector(high, "upper confidence limit"),
    )
    same_length(lower=len(lows), upper=len(highs))
    return ((highs - lows) / (2 * Z_95)) ** 2


def variance_from_cohort(cohort: ArrayLike, pupil_sd: float) -> NDArray[np.float64]:
    """Sampling variances of school means of ``cohort`` pupils whose scores spread by
    ``pupil_sd`` within a school: pupil_sd² / cohort."""
    pupils = finite_vector(cohort, "cohort")
    return pupil_sd**2 / np.where(pupils > 0, pupils, np.nan)


def fit_schools(
    outcome: ArrayLike,
    design: Design,
    schools: Sequence[Any] | ArrayLike,
    cohort: ArrayLike,
    sampling_variance: ArrayLike,
) -> CvaFit:
    """Fit the model to one row per school: its figure, intake (``design``), code, number of
    pupils behind the figure and the figure's sampling variance. Raises CvaError, with the
    reason in words, for data that cannot be fitted."""
    y = finite_vector(outcome, "outcome")
    x = finite_matrix(design.matrix, design.names)
    pupils = finite_vector(cohort, "cohort")
    noise = finite_vector(sampling_variance, "sampling variance")
    codes = school_codes(schools)
    same_length(
        outcome=len(y),
        intake=len(x),
        schools=len(codes),
        cohort=len(pupils),
        sampling_variance=len(noise),
    )
    _check(codes, pupils, noise, design.names)
    independent_columns(x.T @ (x / noise[:, None]), design.names)
    found = reml.estimate(
        lambda tau2: _score(x, y, noise, tau2),
        upper=float(np.var(y)) or 1.0,
        unbounded="The differences between schools cannot be estimated: there are too few "
        "schools for the intake figures.",
    )
    order = np.argsort(codes, kind="stable")
    return _result(
        x[order], y[order], noise[order], codes[order], pupils[order], design.names, found
    )


def _check(
    codes: NDArray[Any],
    pupils: NDArray[np.float64],
    noise: NDArray[np.float64],
    names: tuple[str, ...],
) -> None:
    unique, counts = np.unique(codes, return_counts=True)
    if (counts > 1).any():
        raise CvaError(
            f"School {unique[counts > 1][0]} appears on more than one row: give each school once."
        )
    if len(codes) <= len(names) + 1:
        raise CvaError(
            f"There are too few schools ({len(codes)}) to adjust for {len(names) - 1} intake "
            f"figures: it needs at least {len(names) + 2}."
        )
    bad = np.flatnonzero(noise <= 0)
    if len(bad):
        raise CvaError(f"The sampling variance must be above 0, not on {rows_named(bad)}.")
    wrong = np.flatnonzero((pupils < 0) | (pupils != np.round(pupils)))
    if len(wrong):
        raise CvaError(f"The cohort must be a whole number of pupils, not on {rows_named(wrong)}.")


def _gls(
    x: NDArray[np.float64], y: NDArray[np.float64], noise: NDArray[np.float64], tau2: float
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Weights 1 / (τ² + v_j), the Cholesky factor of X'WX, β̂ and the residuals y − Xβ̂."""
    weights = 1.0 / (tau2 + noise)
    weighted = x * weights[:, None]
    factor = cholesky(x.T @ weighted)
    beta = linalg.cho_solve((factor, True), weighted.T @ y)
    return weights, factor, beta, y - x @ beta


def _score(
    x: NDArray[np.float64], y: NDArray[np.float64], noise: NDArray[np.float64], tau2: float
) -> float:
    weights, factor, _, residual = _gls(x, y, noise, tau2)
    half = linalg.solve_triangular(factor, (x * weights[:, None]).T, lower=True)
    return float(weights.sum() - (half**2).sum() - (weights**2) @ residual**2)


def _result(
    x: NDArray[np.float64],
    y: NDArray[np.float64],
    noise: NDArray[np.float64],
    codes: NDArray[Any],
    cohort: NDArray[np.float64],
    names: tuple[str, ...],
    found: reml.Estimate,
) -> CvaFit:
    tau2 = found.value
    weights, factor, beta, residual = _gls(x, y, noise, tau2)
    shrink = tau2 * weights  # B_j
    leverage = (linalg.solve_triangular(factor, x.T, lower=True) ** 2).sum(axis=0)
    variance = (
        tau2 * noise * weights + shrink**2 * leverage + 2 * noise**2 * weights**3 * found.variance
    )
    pupils = cohort.astype(np.int64)
    effect, standard_error = hide_small_groups(pupils, shrink * residual, np.sqrt(variance))
    inverse = linalg.cho_solve((factor, True), np.eye(len(names)))
    return CvaFit(
        level="school",
        names=names,
        coefficients=beta,
        coefficient_errors=np.sqrt(np.diag(inverse)),
        residual_variance=float(noise.mean()),
        school_variance=float(tau2),
        schools=codes,
        pupils=pupils,
        effect=effect,
        standard_error=standard_error,
        criterion=float(
            np.log(tau2 + noise).sum() + 2 * np.log(np.diag(factor)).sum() + weights @ residual**2
        ),
        evaluations=found.evaluations,
    )
