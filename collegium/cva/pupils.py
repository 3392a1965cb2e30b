"""Pupil-level contextual value added: a random-intercept model fitted by exact REML.

    y_ij = x_ij·β + u_j + e_ij,    u_j ~ N(0, τ²),  e_ij ~ N(0, σ²)

for pupil i of school j. Everything the REML deviance needs is in per-school sufficient
statistics, read once from the pupil arrays: each school's size n_j and means x̄_j, ȳ_j, and
the within-school cross-products W = Σ (x_ij − x̄_j)(x_ij − x̄_j)' (with x·y and y·y alike).
With γ = τ²/σ² and a_j = n_j / (1 + n_j γ), the GLS quantities are

    A(γ) = X'H⁻¹X = W_xx + Σ a_j x̄_j x̄_j',   c(γ) = W_xy + Σ a_j x̄_j ȳ_j,   β̂ = A⁻¹c,
    Q(γ) = W_yy + Σ a_j ȳ_j² − c'β̂,

(H = V/σ²), and the REML deviance with σ² profiled out (σ̂² = Q / (N − p)) is

    D(γ) = (N − p) log Q + Σ log(1 + n_j γ) + log |A|.

Its exact derivative, with e_j = ȳ_j − x̄_j·β̂,

    D'(γ) = −(N − p) Σ a_j² e_j² / Q + Σ a_j − Σ a_j² x̄_j' A⁻¹ x̄_j,

is solved for 0 by Brent's method (`reml.estimate`): each evaluation costs O(schools × p²),
so the pupils are read once, not once per iteration. The school effects are the conditional
modes û_j = γ a_j e_j, and their comparative variance is σ² (w_j + w_j² n_j² x̄_j'A⁻¹x̄_j)
(Henderson's C⁻¹, w_j = γ / (1 + n_j γ)), plus 2 σ² n_j Var(γ̂) / (1 + n_j γ)³ for γ having
been estimated (the Prasad–Rao term, in the Kackar–Harville form).
"""

from collections.abc import Sequence
from dataclasses import dataclass
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
    same_length,
    school_codes,
)
from collegium.cva.design import Design
from collegium.cva.errors import CvaError
from collegium.cva.results import CvaFit, hide_small_groups

_BLOCK = 32_768  # pupils per block when summing within-school products


@dataclass(frozen=True)
class _Statistics:
    """Per-school sufficient statistics of the pupil arrays."""

    sizes: NDArray[np.float64]  # n_j
    x_means: NDArray[np.float64]  # schools × p
    y_means: NDArray[np.float64]
    within_xx: NDArray[np.float64]
    within_xy: NDArray[np.float64]
    within_yy: float
    pupils: int

    @property
    def p(self) -> int:
        return int(self.x_means.shape[1])


@dataclass(frozen=True)
class _Point:
    """The GLS solution at one variance ratio γ."""

    ratio: float
    weights: NDArray[np.float64]  # a_j = n_j / (1 + n_j γ)
    factor: NDArray[np.float64]  # lower Cholesky factor of A(γ)
    beta: NDArray[np.float64]
    quadratic: float  # Q(γ)
    residual_means: NDArray[np.float64]  # e_j = ȳ_j − x̄_j·β̂
    leverage: NDArray[np.float64]  # x̄_j' A⁻¹ x̄_j


def fit_pupils(outcome: ArrayLike, design: Design, schools: Sequence[Any] | ArrayLike) -> CvaFit:
    """Fit the model to one row per pupil: ``outcome``, ``design`` (see `pupil_design`) and
    each pupil's school code. Raises CvaError, with the reason in words, for data that cannot
    be fitted (missing values, collinear covariates, fewer than two schools)."""
    y = finite_vector(outcome, "outcome")
    x = finite_matrix(design.matrix, design.names)
    codes, index, sizes = _schools(schools)
    same_length(outcome=len(y), covariates=len(x), schools=len(index))
    _check_shape(sizes, design.names)
    stats = _statistics(y, x, index, sizes)
    independent_columns(_gram(stats, ratio=0.0), design.names)
    found = reml.estimate(
        lambda ratio: _score(stats, _solve(stats, ratio)),
        upper=1.0,
        unbounded="The differences between schools cannot be estimated from these pupils: "
        "there are too few schools for the covariates that differ only between schools.",
    )
    return _result(stats, codes, design.names, found)


def _schools(
    schools: Sequence[Any] | ArrayLike,
) -> tuple[NDArray[Any], NDArray[np.intp], NDArray[np.int64]]:
    codes, index = _factorise(school_codes(schools))
    return codes, index, np.bincount(index, minlength=len(codes)).astype(np.int64)


def _factorise(array: NDArray[Any]) -> tuple[NDArray[Any], NDArray[np.intp]]:
    """The sorted distinct codes and each row's position among them. Whole-number codes
    (URNs) are counted rather than sorted: a tenth of the time for a national file."""
    if array.dtype.kind in "iu" and len(array):
        low = int(array.min())
        span = int(array.max()) - low + 1
        if span <= 4 * len(array) + 1_000_000:
            present = np.bincount(array - low, minlength=span) > 0
            position = np.cumsum(present) - 1
            codes = np.flatnonzero(present) + low
            return codes.astype(array.dtype), position[array - low].astype(np.intp)
    try:
        codes, index = np.unique(array, return_inverse=True)
    except TypeError as error:  # codes of mixed kinds (numbers and text) do not sort
        raise CvaError("The school codes must all be numbers or all be text.") from error
    return codes, index.ravel()


def _check_shape(sizes: NDArray[np.int64], names: tuple[str, ...]) -> None:
    if len(sizes) < 2:
        raise CvaError(
            "Contextual value added compares schools, so it needs pupils from at least two "
            f"schools; these pupils are from {len(sizes)}."
        )
    if sizes.max() == 1:
        raise CvaError(
            "Every school has a single pupil, so differences between schools cannot be told "
            "apart from differences between pupils."
        )
    if sizes.sum() <= len(names) + 1:
        raise CvaError(f"There are too few pupils ({sizes.sum()}) for {len(names)} covariates.")


def _statistics(
    y: NDArray[np.float64],
    x: NDArray[np.float64],
    index: NDArray[np.intp],
    sizes: NDArray[np.int64],
) -> _Statistics:
    n = sizes.astype(float)
    q, p = len(sizes), x.shape[1]
    x_means = np.empty((q, p))
    for k in range(p):
        x_means[:, k] = np.bincount(index, x[:, k], q) / n
    y_means = np.bincount(index, y, q) / n
    within_xx, within_xy, within_yy = np.zeros((p, p)), np.zeros(p), 0.0
    # Deviations from each school's means, so the within-school products lose no precision
    # to cancellation; a block of rows at a time, so no pupil-sized copy is made.
    for start in range(0, len(y), _BLOCK):
        rows = slice(start, start + _BLOCK)
        x_within = x[rows] - x_means[index[rows]]
        y_within = y[rows] - y_means[index[rows]]
        within_xx += x_within.T @ x_within
        within_xy += x_within.T @ y_within
        within_yy += float(y_within @ y_within)
    return _Statistics(
        sizes=n,
        x_means=x_means,
        y_means=y_means,
        within_xx=within_xx,
        within_xy=within_xy,
        within_yy=within_yy,
        pupils=len(y),
    )


def _gram(stats: _Statistics, ratio: float) -> NDArray[np.float64]:
    weights = stats.sizes / (1 + stats.sizes * ratio)
    return stats.within_xx + (stats.x_means * weights[:, None]).T @ stats.x_means


def _solve(stats: _Statistics, ratio: float) -> _Point:
    weights = stats.sizes / (1 + stats.sizes * ratio)
    weighted = stats.x_means * weights[:, None]
    gram = stats.within_xx + weighted.T @ stats.x_means
    cross = stats.within_xy + weighted.T @ stats.y_means
    factor = cholesky(gram)
    beta = linalg.cho_solve((factor, True), cross)
    quadratic = stats.within_yy + weights @ stats.y_means**2 - cross @ beta
    half = linalg.solve_triangular(factor, stats.x_means.T, lower=True)
    return _Point(
        ratio=ratio,
        weights=weights,
        factor=factor,
        beta=beta,
        quadratic=float(quadratic),
        residual_means=stats.y_means - stats.x_means @ beta,
        leverage=(half**2).sum(axis=0),
    )


def _score(stats: _Statistics, point: _Point) -> float:
    """D'(γ): the derivative of the profiled REML deviance (module docstring)."""
    squared = point.weights**2
    df = stats.pupils - stats.p
    return float(
        -df * (squared @ point.residual_means**2) / point.quadratic
        + point.weights.sum()
        - squared @ point.leverage
    )


def _deviance(stats: _Statistics, point: _Point) -> float:
    return float(
        (stats.pupils - stats.p) * np.log(point.quadratic)
        + np.log1p(stats.sizes * point.ratio).sum()
        + 2 * np.log(np.diag(point.factor)).sum()
    )


def _result(
    stats: _Statistics, codes: NDArray[Any], names: tuple[str, ...], found: reml.Estimate
) -> CvaFit:
    point = _solve(stats, found.value)
    ratio, n = point.ratio, stats.sizes
    residual = point.quadratic / (stats.pupils - stats.p)
    shrunk = ratio / (1 + n * ratio)  # w_j
    effect = shrunk * n * point.residual_means
    comparative = residual * (shrunk + (shrunk * n) ** 2 * point.leverage)
    ratio_estimated = 2 * residual * n * found.variance / (1 + n * ratio) ** 3
    standard_error = np.sqrt(comparative + ratio_estimated)
    pupils = n.astype(np.int64)
    effect, standard_error = hide_small_groups(pupils, effect, standard_error)
    inverse = linalg.cho_solve((point.factor, True), np.eye(stats.p))
    return CvaFit(
        level="pupil",
        names=names,
        coefficients=point.beta,
        coefficient_errors=np.sqrt(residual * np.diag(inverse)),
        residual_variance=float(residual),
        school_variance=float(ratio * residual),
        schools=codes,
        pupils=pupils,
        effect=effect,
        standard_error=standard_error,
        criterion=_deviance(stats, point),
        evaluations=found.evaluations,
    )
