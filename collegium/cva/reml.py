"""The one-dimensional REML search both models share.

Each model has one variance parameter θ ≥ 0 left once everything else is profiled out (the
ratio τ²/σ² for pupils, τ² for schools with known sampling variances) and an exact
derivative of its REML deviance in θ, the score. The estimate is where the score is 0: Brent's
method on a bracket [0, upper], or θ = 0 when the deviance already rises from 0 (the
boundary: schools differ no more than chance would give). The curvature of the deviance at the
estimate gives Var(θ̂) ≈ 2 / D''(θ̂), used for the intervals' allowance for θ being estimated.
"""

from collections.abc import Callable
from dataclasses import dataclass

from scipy import optimize

from collegium.cva.errors import CvaError

Score = Callable[[float], float]
_GROWTH = 10.0  # the bracket's upper end grows by this factor until the score turns positive
_LARGEST = 1e12  # relative to the starting upper end: beyond this the variance is unbounded


@dataclass(frozen=True)
class Estimate:
    value: float  # θ̂
    variance: float  # Var(θ̂) from the curvature of the REML deviance (0 if it is flat)
    evaluations: int


def estimate(score: Score, upper: float, unbounded: str) -> Estimate:
    """θ̂ ≥ 0 where ``score`` (dD/dθ) is 0; ``unbounded`` is the error when D falls forever."""
    counted = _Counted(score)
    if counted(0.0) >= 0:
        value = 0.0
    else:
        value = optimize.brentq(
            counted, 0.0, _bracket(counted, upper, unbounded), xtol=1e-300, rtol=1e-14
        )
    return Estimate(value, _variance(counted, value, upper), counted.calls)


def _bracket(score: "_Counted", upper: float, unbounded: str) -> float:
    limit = upper * _LARGEST
    while score(upper) < 0:
        upper *= _GROWTH
        if upper > limit:
            raise CvaError(unbounded)
    return upper


def _variance(score: "_Counted", value: float, scale: float) -> float:
    step = 1e-4 * (value if value > 0 else scale * 1e-3)
    if value > step:
        curvature = (score(value + step) - score(value - step)) / (2 * step)
    else:
        curvature = (score(value + step) - score(value)) / step
    return 2.0 / curvature if curvature > 0 else 0.0


class _Counted:
    def __init__(self, score: Score) -> None:
        self.score = score
        self.calls = 0

    def __call__(self, value: float) -> float:
        self.calls += 1
        return self.score(value)
