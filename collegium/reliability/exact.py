"""Exact F-based interval for ICC(A,1) on a complete two-way design (McGraw & Wong 1996).

When every rater rates every unit, the two-way ANOVA mean squares have known distributions
and McGraw & Wong's case 2A gives an interval from F quantiles with Satterthwaite's degrees
of freedom. It holds its level with few units or raters, where a bootstrap of units does not
(on Shrout & Fleiss's six targets and four judges: 0.02 to 0.76, around 0.29).
"""

import numpy as np
from numpy.typing import NDArray
from scipy import stats

from collegium.reliability.agreement import UnitStatistics


def complete_table(units: UnitStatistics) -> NDArray[np.float64] | None:
    """The units × raters table of values when every rater rated every unit, else None."""
    n, k = units.n_units, units.n_raters
    if n < 2 or k < 2 or units.raters.nnz != n * k:
        return None
    return np.asarray(units.values.toarray(), float)


def icc_a1_exact(table: NDArray[np.float64], confidence: float = 0.95) -> tuple[float, float]:
    """McGraw & Wong's interval for ICC(A,1) from a complete units × raters table.

    (nan, nan) when the mean squares leave it undefined (e.g. every rating the same).
    """
    n, k = table.shape
    grand = table.mean()
    msr = k * ((table.mean(axis=1) - grand) ** 2).sum() / (n - 1)
    msc = n * ((table.mean(axis=0) - grand) ** 2).sum() / (k - 1)
    sse = ((table - grand) ** 2).sum() - (n - 1) * msr - (k - 1) * msc
    mse = sse / ((n - 1) * (k - 1))
    with np.errstate(divide="ignore", invalid="ignore"):
        rho = (msr - mse) / (msr + (k - 1) * mse + k * (msc - mse) / n)
        a = k * rho / (n * (1 - rho))
        b = 1 + k * rho * (n - 1) / (n * (1 - rho))
        v = (a * msc + b * mse) ** 2 / (
            (a * msc) ** 2 / (k - 1) + (b * mse) ** 2 / ((n - 1) * (k - 1))
        )
    if not (np.isfinite(v) and v > 0 and mse > 0):
        return float("nan"), float("nan")
    tail = (1 - confidence) / 2
    upper_f = stats.f.isf(tail, n - 1, v)
    lower_f = stats.f.isf(tail, v, n - 1)
    spread = k * msc + (k * n - k - n) * mse
    low = n * (msr - upper_f * mse) / (upper_f * spread + n * msr)
    high = n * (lower_f * msr - mse) / (spread + n * lower_f * msr)
    return float(low), float(high)
