"""What a fit returns: the model's estimates and one school effect with its interval per school.

A school's effect is its empirical-Bayes (shrunken) random effect û_j: how far its pupils'
results are above (+) or below (−) what the model predicts for pupils with the same intake,
in the outcome's units, pulled towards 0 the fewer pupils it has. Its standard error is the
**comparative** (prediction-error) standard deviation √Var(û_j − u_j): the spread of the true
effect u_j around û_j given the data, allowing for β and the variance components having
been estimated (docs/decisions/0015-contextual-value-added.md). The 95 % interval is
û_j ± 1.96 × that standard error.

Schools with fewer than ``MIN_PUPILS`` pupils get no figure: their effect, standard error and
interval are NaN in the arrays and ``None`` in a ``SchoolEffect``, whose reading is
"too few pupils". Their pupils still count towards β and the variances.
"""

from collections.abc import Hashable
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

MIN_PUPILS = 10  # results only for groups of 10 pupils or more (issue 12)
Z_95 = 1.959963984540054


class Reading(StrEnum):
    ABOVE = "above"
    IN_LINE = "in line with"
    BELOW = "below"
    TOO_FEW = "too few pupils"


@dataclass(frozen=True)
class SchoolEffect:
    """One school's contextual value added, or no figure when it has too few pupils."""

    school: Hashable
    pupils: int
    effect: float | None
    standard_error: float | None
    low: float | None
    high: float | None

    @property
    def reading(self) -> Reading:
        """Above or below when the 95 % interval is wholly on one side of 0, else in line."""
        if self.low is None or self.high is None:
            return Reading.TOO_FEW
        if self.low > 0:
            return Reading.ABOVE
        if self.high < 0:
            return Reading.BELOW
        return Reading.IN_LINE


@dataclass(frozen=True)
class CvaFit:
    """A fitted model and every school's effect; the arrays follow ``schools`` (sorted codes)."""

    level: str  # "pupil" (the pupil file) or "school" (school-level national figures)
    names: tuple[str, ...]  # one per coefficient
    coefficients: NDArray[np.float64]  # β
    coefficient_errors: NDArray[np.float64]  # standard errors of β (GLS, variances as estimated)
    # σ² between pupils of a school (pupil level); the mean sampling variance (school level)
    residual_variance: float
    school_variance: float  # τ²: between schools, beyond what the intake explains
    schools: NDArray[Any]
    pupils: NDArray[np.int64]
    effect: NDArray[np.float64]
    standard_error: NDArray[np.float64]
    criterion: float  # REML deviance up to a constant
    evaluations: int  # evaluations of the REML score

    @property
    def low(self) -> NDArray[np.float64]:
        return self.effect - Z_95 * self.standard_error

    @property
    def high(self) -> NDArray[np.float64]:
        return self.effect + Z_95 * self.standard_error

    @property
    def no_school_differences(self) -> bool:
        """True when τ² is estimated at 0: schools differ no more than chance would give."""
        return self.school_variance == 0.0

    def coefficient(self, name: str) -> float:
        return float(self.coefficients[self.names.index(name)])

    def school(self, code: Hashable) -> SchoolEffect:
        """The effect of the school with this code (KeyError if it had no pupils)."""
        return self._row(self._positions[code])

    def rows(self) -> list[SchoolEffect]:
        return [self._row(i) for i in range(len(self.schools))]

    @cached_property
    def _positions(self) -> dict[Hashable, int]:
        return {
            code.item() if hasattr(code, "item") else code: i for i, code in enumerate(self.schools)
        }

    def _row(self, i: int) -> SchoolEffect:
        code = self.schools[i]
        shown = bool(np.isfinite(self.effect[i]))

        def value(array: NDArray[np.float64]) -> float | None:
            return float(array[i]) if shown else None

        return SchoolEffect(
            school=code.item() if hasattr(code, "item") else code,
            pupils=int(self.pupils[i]),
            effect=value(self.effect),
            standard_error=value(self.standard_error),
            low=value(self.low),
            high=value(self.high),
        )


def hide_small_groups(
    pupils: NDArray[np.int64], *arrays: NDArray[np.float64]
) -> list[NDArray[np.float64]]:
    """Copies of ``arrays`` with NaN for schools of fewer than MIN_PUPILS pupils."""
    small = pupils < MIN_PUPILS
    hidden = []
    for array in arrays:
        copy = np.array(array, dtype=float)
        copy[small] = np.nan
        hidden.append(copy)
    return hidden
