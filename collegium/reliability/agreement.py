"""Agreement between raters on the same units, from a long table of ratings.

Every figure here is a function of per-unit sufficient statistics, so a bootstrap over units
is a matrix product of resampling weights with those statistics (see ``bootstrap.py``):

- Krippendorff's alpha (nominal, ordinal, interval), exact agreement and quadratic-weighted
  agreement all come from the coincidence matrix, which is a sum of per-unit contributions;
- ICC(A,1) (two-way random effects, absolute agreement, single rater, McGraw & Wong 1996)
  comes from moment equations on within-unit, within-rater and total sums of squares, which
  reduce to the two-way ANOVA estimator (Shrout & Fleiss ICC(2,1)) on complete data and stay
  valid when each unit is rated by a different subset of raters.
"""

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy import sparse

LEVELS_OF_MEASUREMENT = ("nominal", "ordinal", "interval")
STATISTICS = (
    "alpha_ordinal",
    "alpha_nominal",
    "alpha_interval",
    "exact_agreement",
    "weighted_agreement",
    "icc_a1",
)
MAX_LEVELS = 20  # judgement scales are short; the coincidence matrix grows with levels²


@dataclass(frozen=True)
class UnitStatistics:
    """Per-unit statistics of the pairable units (units with at least two ratings)."""

    levels: NDArray[np.float64]  # the ordered value domain
    coincidences: NDArray[np.float64]  # units × levels² contributions to the coincidence matrix
    ratings: NDArray[np.float64]  # ratings per unit
    sums: NDArray[np.float64]  # sum of the values per unit
    squares: NDArray[np.float64]  # sum of squared values per unit
    raters: sparse.csr_array  # units × raters: 1 where the rater rated the unit
    values: sparse.csr_array  # units × raters: the value given
    # The cluster (review) of each unit, coded 0…; every unit its own cluster when none given.
    clusters: NDArray[np.intp] | None = None

    @property
    def n_units(self) -> int:
        return len(self.ratings)

    @property
    def n_raters(self) -> int:
        return int(self.raters.shape[1])

    @property
    def cluster_codes(self) -> NDArray[np.intp]:
        if self.clusters is None:
            return np.arange(self.n_units)
        return self.clusters

    @property
    def n_clusters(self) -> int:
        return int(self.cluster_codes.max()) + 1 if self.n_units else 0


def unit_statistics(
    ratings: pd.DataFrame,
    unit: str = "unit",
    rater: str = "rater",
    value: str = "value",
    levels: ArrayLike | None = None,
    cluster: str | None = None,
) -> UnitStatistics:
    """Collect the per-unit statistics of a long table with one row per (unit, rater) rating.

    Missing values are dropped; units rated only once carry no information on agreement and
    are left out. ``levels`` is the ordered value domain (default: the values that occur).
    ``cluster`` names the column grouping units that share raters and a subject (a review's
    strands): the bootstrap then resamples whole clusters.
    """
    frame = ratings[[unit, rater, value, *([cluster] if cluster else [])]].dropna()
    if frame.duplicated([unit, rater]).any():
        raise ValueError("Each rater may rate each unit only once")
    per_unit = frame.groupby(unit, sort=False)[value].transform("size")
    frame = frame[per_unit >= 2]
    domain = np.sort(np.unique(frame[value] if levels is None else np.asarray(levels, float)))
    if len(domain) > MAX_LEVELS:
        raise ValueError(f"Ratings must be on a scale of at most {MAX_LEVELS} levels")
    category = np.searchsorted(domain, frame[value].to_numpy(float))
    if np.any(domain[np.minimum(category, len(domain) - 1)] != frame[value].to_numpy(float)):
        raise ValueError("A rating is not one of the levels given")
    unit_index = pd.factorize(frame[unit])[0]
    rater_index = pd.factorize(frame[rater])[0]
    stats = _collect(unit_index, rater_index, category, domain)
    if cluster is None or not len(unit_index):
        return stats
    of_unit = np.zeros(stats.n_units, np.intp)
    of_unit[unit_index] = pd.factorize(frame[cluster])[0]
    return replace(stats, clusters=pd.factorize(of_unit)[0])


def _collect(
    unit_index: NDArray[np.intp],
    rater_index: NDArray[np.intp],
    category: NDArray[np.intp],
    domain: NDArray[np.float64],
) -> UnitStatistics:
    n_units = int(unit_index.max()) + 1 if len(unit_index) else 0
    n_raters = int(rater_index.max()) + 1 if len(rater_index) else 0
    k = len(domain)
    counts = np.zeros((n_units, k))
    np.add.at(counts, (unit_index, category), 1.0)
    m = counts.sum(axis=1)
    pairs = counts[:, :, None] * counts[:, None, :]
    pairs[:, np.arange(k), np.arange(k)] -= counts
    values = domain[category]
    shape = (n_units, n_raters)
    return UnitStatistics(
        levels=domain,
        coincidences=(pairs / (m - 1)[:, None, None]).reshape(n_units, k * k),
        ratings=m,
        sums=np.bincount(unit_index, values, minlength=n_units),
        squares=np.bincount(unit_index, values**2, minlength=n_units),
        raters=sparse.csr_array((np.ones(len(values)), (unit_index, rater_index)), shape=shape),
        values=sparse.csr_array((values, (unit_index, rater_index)), shape=shape),
    )


def squared_distances(
    coincidence: NDArray[np.float64], levels: NDArray[np.float64], level_of_measurement: str
) -> NDArray[np.float64]:
    """Krippendorff's δ² between levels, batched over leading axes of ``coincidence`` (…, k, k)."""
    k = len(levels)
    if level_of_measurement == "nominal":
        return np.broadcast_to(1.0 - np.eye(k), coincidence.shape)
    if level_of_measurement == "interval":
        return np.broadcast_to((levels[:, None] - levels[None, :]) ** 2, coincidence.shape)
    if level_of_measurement != "ordinal":
        raise ValueError(f"Unknown level of measurement: {level_of_measurement}")
    marginal = coincidence.sum(axis=-1)
    cumulative = np.cumsum(marginal, axis=-1)
    # For c <= k: sum of n_g for g from c to k, minus (n_c + n_k) / 2.
    upper = cumulative[..., None, :] - cumulative[..., :, None] + marginal[..., :, None]
    upper = upper - (marginal[..., :, None] + marginal[..., None, :]) / 2
    lower_mask = np.tril(np.ones((k, k), bool), -1)
    between = np.where(lower_mask, np.swapaxes(upper, -1, -2), upper)
    return between**2


def alpha_from_coincidences(
    coincidence: NDArray[np.float64], levels: NDArray[np.float64], level_of_measurement: str
) -> NDArray[np.float64]:
    """Krippendorff's alpha from coincidence matrices of shape (…, k, k)."""
    delta = squared_distances(coincidence, levels, level_of_measurement)
    marginal = coincidence.sum(axis=-1)
    n = marginal.sum(axis=-1)
    observed = (coincidence * delta).sum(axis=(-2, -1))
    expected = (marginal[..., :, None] * marginal[..., None, :] * delta).sum(axis=(-2, -1))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(1.0 - (n - 1) * observed / expected, float)


def agreement_from_coincidences(
    coincidence: NDArray[np.float64], levels: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Exact and quadratic-weighted agreement of pairs of ratings within units.

    Each pair is weighted by 1 / (ratings in its unit − 1), so every rating counts once.
    Weighted agreement gives a pair 1 − ((a − b) / (top level − bottom level))².
    """
    n = coincidence.sum(axis=(-2, -1))
    span = levels[-1] - levels[0] if len(levels) > 1 else 1.0
    weights = 1.0 - ((levels[:, None] - levels[None, :]) / span) ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        exact = np.trace(coincidence, axis1=-2, axis2=-1) / n
        weighted = (coincidence * weights).sum(axis=(-2, -1)) / n
    return np.asarray(exact, float), np.asarray(weighted, float)


def icc_a1(
    moments: NDArray[np.float64],
    rater_counts: NDArray[np.float64],
    rater_sums: NDArray[np.float64],
) -> NDArray[np.float64]:
    """ICC(A,1) from unit moments (…, 6) and per-rater counts and sums (…, raters).

    ``moments`` holds, summed over (possibly resampled) units: units, ratings, ratings²,
    values, squared values, within-unit sum of squares.
    """
    units, n, m_squared, total, squares, within_unit = np.moveaxis(moments, -1, 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        raters = (rater_counts > 0).sum(axis=-1)
        rater_means_ss = np.where(rater_counts > 0, rater_sums**2 / rater_counts, 0).sum(axis=-1)
        within_rater = squares - rater_means_ss
        total_ss = squares - total**2 / n
        k_unit = n - m_squared / n
        k_rater = n - (rater_counts**2).sum(axis=-1) / n
        rater_plus_error = within_unit / (n - units)
        unit_plus_error = within_rater / (n - raters)
        error = (total_ss - k_unit * unit_plus_error - k_rater * rater_plus_error) / (
            n - 1 - k_unit - k_rater
        )
        var_unit = np.maximum(unit_plus_error - error, 0)
        var_rater = np.maximum(rater_plus_error - error, 0)
        var_error = np.maximum(error, 0)
        return np.asarray(var_unit / (var_unit + var_rater + var_error), float)


def unit_moments(stats: UnitStatistics) -> NDArray[np.float64]:
    """Per-unit columns that ``icc_a1`` sums: one, m, m², Σy, Σy², within-unit SS."""
    within = stats.squares - stats.sums**2 / stats.ratings
    return np.column_stack(
        [np.ones(stats.n_units), stats.ratings, stats.ratings**2, stats.sums, stats.squares, within]
    )


def point_estimates(stats: UnitStatistics) -> dict[str, float]:
    """Every statistic in ``STATISTICS`` on the data as observed."""
    k = len(stats.levels)
    coincidence = stats.coincidences.sum(axis=0).reshape(k, k)
    figures = {
        f"alpha_{level}": float(alpha_from_coincidences(coincidence, stats.levels, level))
        for level in LEVELS_OF_MEASUREMENT
    }
    exact, weighted = agreement_from_coincidences(coincidence, stats.levels)
    figures["exact_agreement"] = float(exact)
    figures["weighted_agreement"] = float(weighted)
    rater_counts = np.asarray(stats.raters.sum(axis=0)).ravel()
    rater_sums = np.asarray(stats.values.sum(axis=0)).ravel()
    figures["icc_a1"] = float(icc_a1(unit_moments(stats).sum(axis=0), rater_counts, rater_sums))
    return figures
