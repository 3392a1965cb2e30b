"""REML fit of a linear model with two crossed random intercepts, exact and sparse.

    y = X β + Z_a a + Z_b b + e,   a ~ N(0, σ_a² I),  b ~ N(0, σ_b² I),  e ~ N(0, σ² I)

Henderson's mixed-model equations are solved by absorbing the factor with more levels
(its block is diagonal) into a dense Schur complement over the fixed effects and the other
factor's levels, so one evaluation of the profiled REML criterion costs one Cholesky of a
(p + q_b)² matrix. The criterion and its exact gradient in the two log variance ratios are
minimised with L-BFGS-B. At national scale (q_b ≈ 2,000 reviewers) an evaluation takes a
fraction of a second, where a general sparse solver (mixedlm, the Rust port of lme4) took
about 20 s for 240,000 ratings; the tests check this fit against mixedlm on small data.
"""

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import linalg, optimize, sparse

_LOG_RATIO_BOUNDS = (-15.0, 8.0)


@dataclass(frozen=True)
class CrossedFit:
    """Estimates of a crossed random-intercept model (see the module docstring)."""

    fixed: NDArray[np.float64]  # β
    effects_a: NDArray[np.float64]  # conditional modes (BLUPs) of a
    effects_b: NDArray[np.float64]  # conditional modes (BLUPs) of b
    variance_a: float
    variance_b: float
    residual_variance: float
    # Prediction error variances of each â − a and b̂ − b, allowing for everything estimated.
    error_variance_a: NDArray[np.float64]
    error_variance_b: NDArray[np.float64]
    criterion: float  # REML deviance up to a constant
    evaluations: int


@dataclass(frozen=True)
class _Design:
    x: NDArray[np.float64]
    y: NDArray[np.float64]
    counts_a: NDArray[np.float64]
    cross: sparse.csr_array  # Z_a' [X, Z_b]
    gram: NDArray[np.float64]  # [X, Z_b]' [X, Z_b]
    rhs_a: NDArray[np.float64]
    rhs_h: NDArray[np.float64]
    yy: float

    @property
    def p(self) -> int:
        return int(self.x.shape[1])


def _design(
    x: NDArray[np.float64], y: NDArray[np.float64], a: NDArray[np.intp], b: NDArray[np.intp]
) -> _Design:
    n, p = x.shape
    qa, qb = int(a.max()) + 1, int(b.max()) + 1
    rows = np.arange(n)
    z_a = sparse.csr_array((np.ones(n), (rows, a)), shape=(n, qa))
    z_b = sparse.csr_array((np.ones(n), (rows, b)), shape=(n, qb))
    h = sparse.hstack([sparse.csr_array(x), z_b], format="csr")
    return _Design(
        x=x,
        y=y,
        counts_a=np.bincount(a, minlength=qa).astype(float),
        cross=sparse.csr_array(z_a.T @ h),
        gram=np.asarray((h.T @ h).toarray()),
        rhs_a=np.asarray(z_a.T @ y),
        rhs_h=np.asarray(h.T @ y),
        yy=float(y @ y),
    )


@dataclass(frozen=True)
class _Solution:
    log_ratios: NDArray[np.float64]
    diag_a: NDArray[np.float64]
    log_det: float  # log |C|, C the coefficient matrix of the mixed-model equations
    sol_a: NDArray[np.float64]
    sol_h: NDArray[np.float64]
    quadratic: float  # y'Py / σ²
    inverse: NDArray[np.float64]  # lower triangle of the Schur complement's inverse: C⁻¹ on [β, b]
    scaled: sparse.csr_array  # D_a⁻¹ Z_a' [X, Z_b]


def _solve(design: _Design, log_ratios: NDArray[np.float64]) -> _Solution:
    """Solve the mixed-model equations at variance ratios exp(log_ratios) = σ_a²/σ², σ_b²/σ²."""
    ratio_a, ratio_b = np.exp(log_ratios)
    p = design.p
    diag_a = design.counts_a + 1.0 / ratio_a
    schur = design.gram.copy()
    schur[np.arange(p, len(schur)), np.arange(p, len(schur))] += 1.0 / ratio_b
    scaled = sparse.csr_array(design.cross.multiply((1.0 / diag_a)[:, None]))
    schur -= np.asarray((design.cross.T @ scaled).toarray())
    factor = linalg.cho_factor(schur, lower=True)
    reduced = design.rhs_h - scaled.T @ design.rhs_a
    sol_h = linalg.cho_solve(factor, reduced)
    sol_a = (design.rhs_a - design.cross @ sol_h) / diag_a
    quadratic = design.yy - sol_a @ design.rhs_a - sol_h @ design.rhs_h
    inverse, info = linalg.lapack.dpotri(factor[0], lower=1)
    if info != 0:
        raise np.linalg.LinAlgError("The mixed-model equations are singular")
    inverse = np.tril(inverse)  # dpotri fills the lower triangle only
    return _Solution(
        log_ratios=np.array(log_ratios, float),
        diag_a=diag_a,
        log_det=float(np.log(diag_a).sum() + 2 * np.log(np.diag(factor[0])).sum()),
        sol_a=sol_a,
        sol_h=sol_h,
        quadratic=float(quadratic),
        inverse=inverse,
        scaled=scaled,
    )


def _criterion(
    log_ratios: NDArray[np.float64], design: _Design, last: list[_Solution]
) -> tuple[float, NDArray[np.float64]]:
    """Profiled REML deviance (up to a constant) and its gradient in the log variance ratios.

    Both are divided by the number of random effects, so that the optimiser's first step is
    of a sensible length; ``last`` keeps the latest solution for the caller.
    """
    ratio_a, ratio_b = np.exp(log_ratios)
    s = _solve(design, log_ratios)
    last[:] = [s]
    n, p = design.x.shape
    qa, qb = len(design.counts_a), len(s.sol_h) - p
    sol_b = s.sol_h[p:]
    deviance = qa * log_ratios[0] + qb * log_ratios[1] + s.log_det + (n - p) * np.log(s.quadratic)
    trace_b = float(np.trace(s.inverse[p:, p:]))
    a_block = np.asarray((s.scaled.T @ s.scaled).toarray())
    # tr(S⁻¹ A) for symmetric A from the lower triangle of S⁻¹ alone.
    both = 2 * (s.inverse * a_block).sum() - (np.diag(s.inverse) * np.diag(a_block)).sum()
    trace_a = float((1.0 / s.diag_a).sum() + both)
    gradient = np.array(
        [
            qa - trace_a / ratio_a - (n - p) * (s.sol_a @ s.sol_a) / (ratio_a * s.quadratic),
            qb - trace_b / ratio_b - (n - p) * (sol_b @ sol_b) / (ratio_b * s.quadratic),
        ]
    )
    scale = qa + qb
    return float(deviance) / scale, gradient / scale


def fit_crossed(
    x: NDArray[np.float64],
    y: NDArray[np.float64],
    a: NDArray[np.intp],
    b: NDArray[np.intp],
    start: tuple[float, float] | None = None,
) -> CrossedFit:
    """REML fit; ``a`` and ``b`` are level codes 0…q−1. Put the factor with more levels in ``a``.

    ``start`` holds starting variance ratios σ_a²/σ², σ_b²/σ² (default: moment estimates).
    """
    design = _design(np.asarray(x, float), np.asarray(y, float), a, b)
    last: list[_Solution] = []
    result = optimize.minimize(
        _criterion,
        np.log(np.asarray(start or _moment_ratios(x, y, a, b), float)),
        args=(design, last),
        jac=True,
        method="L-BFGS-B",
        bounds=[_LOG_RATIO_BOUNDS] * 2,
        options={"gtol": 1e-4},  # in deviance per random effect: far below any visible change
    )
    s = last[0] if np.array_equal(last[0].log_ratios, result.x) else _solve(design, result.x)
    n, p = design.x.shape
    residual = s.quadratic / (n - p)
    ratio_a, ratio_b = np.exp(result.x)
    inverse = s.inverse + np.tril(s.inverse, -1).T
    # diag(C⁻¹) on a: D⁻¹ + diag(D⁻¹ B S⁻¹ B' D⁻¹), with D⁻¹ B = s.scaled.
    through_h = np.asarray((s.scaled @ inverse) * s.scaled.toarray()).sum(axis=1)
    return CrossedFit(
        fixed=s.sol_h[:p],
        effects_a=s.sol_a,
        effects_b=s.sol_h[p:],
        variance_a=float(ratio_a * residual),
        variance_b=float(ratio_b * residual),
        residual_variance=residual,
        error_variance_a=residual * (1.0 / s.diag_a + through_h),
        error_variance_b=residual * np.diag(inverse)[p:],
        criterion=float(result.fun) * (len(design.counts_a) + len(s.sol_h) - p),
        evaluations=int(result.nfev),
    )


def _moment_ratios(
    x: NDArray[np.float64], y: NDArray[np.float64], a: NDArray[np.intp], b: NDArray[np.intp]
) -> tuple[float, float]:
    """Starting ratios from sums of squares of least-squares residuals (Henderson's method 1).

    Within-a, within-b and total sums of squares have expectations linear in the three
    variances; solving them is cheap and lands the REML search close to its optimum.
    """
    r = y - x @ np.linalg.lstsq(x, y, rcond=None)[0]
    n = len(r)

    def within(codes: NDArray[np.intp]) -> tuple[float, float, int]:
        counts = np.bincount(codes).astype(float)
        counts = counts[counts > 0]
        sums = np.bincount(codes, r)
        sums = sums[np.bincount(codes) > 0]
        return (
            float(r @ r - (sums**2 / counts).sum()),
            float(n - (counts**2).sum() / n),
            len(counts),
        )

    within_a, k_a, levels_a = within(a)
    within_b, k_b, levels_b = within(b)
    total = float(r @ r - r.sum() ** 2 / n)
    b_plus_error, a_plus_error = within_a / (n - levels_a), within_b / (n - levels_b)
    error = (total - k_a * a_plus_error - k_b * b_plus_error) / (n - 1 - k_a - k_b)
    error = max(error, 1e-3 * total / n)
    floor = 1e-3
    return max(a_plus_error / error - 1, floor), max(b_plus_error / error - 1, floor)
