"""Bootstrap intervals over clusters of units (reviews), and the reliability table per group.

A bootstrap replicate draws whole clusters with replacement — a review's strands share one
team and one school, so resampling strands alone gave intervals about half as wide as they
should be. Each statistic is a function of sums of per-unit statistics, so a block of
replicates is one product of a (replicates × units) matrix of draw counts with the per-unit
statistics — no Python loop over replicates or units.

Honesty rules: below ``MIN_CLUSTERS`` clusters or ``MIN_UNITS`` pairable units a row is
``too_few`` and has no interval (the estimate is kept for the record); resamples on which a
statistic cannot be computed (e.g. every drawn rating the same) are counted in ``failed``,
and an interval resting on fewer than 90 % usable resamples is not given. ICC(A,1) on a
complete design (every rater rates every unit) gets McGraw & Wong's exact F interval.
"""

from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy import sparse

from collegium.reliability.agreement import (
    LEVELS_OF_MEASUREMENT,
    STATISTICS,
    UnitStatistics,
    agreement_from_coincidences,
    alpha_from_coincidences,
    icc_a1,
    point_estimates,
    unit_moments,
    unit_statistics,
)
from collegium.reliability.exact import complete_table, icc_a1_exact

# Draw-count matrices are built in blocks of about this many cells to bound memory.
_BLOCK_CELLS = 4_000_000
# Below these, an interval would be false precision: the row says "too few" instead.
MIN_CLUSTERS = 10
MIN_UNITS = 20
MIN_USABLE = 0.9  # share of resamples that must give a figure for an interval to be shown


def bootstrap_replicates(
    stats: UnitStatistics, n_boot: int = 1000, seed: int = 0
) -> dict[str, NDArray[np.float64]]:
    """Every statistic in ``STATISTICS`` on ``n_boot`` resamples of whole clusters of units.

    Without clusters every unit is its own, and this is the ordinary bootstrap over units.
    """
    rng = np.random.default_rng(seed)
    n_units, k = stats.n_units, len(stats.levels)
    clusters, n_clusters = stats.cluster_codes, stats.n_clusters
    block = max(1, min(n_boot, _BLOCK_CELLS // max(n_units, 1)))
    moments = unit_moments(stats)
    # Rater counts and rater sums in one sparse product: (2 × raters) × units.
    by_rater = sparse.vstack([stats.raters.T, stats.values.T], format="csr")
    parts: list[dict[str, NDArray[np.float64]]] = []
    for start in range(0, n_boot, block):
        size = min(block, n_boot - start)
        draws = rng.integers(0, n_clusters, size=(size, n_clusters))
        # Draw counts laid out clusters × replicates, the layout the sparse product wants;
        # each unit is drawn as often as its cluster.
        cells = (draws * size + np.arange(size)[:, None]).ravel()
        counts = np.bincount(cells, minlength=n_clusters * size).reshape(n_clusters, size)
        weights = counts[clusters].astype(float)
        coincidence = (weights.T @ stats.coincidences).reshape(size, k, k)
        part = {
            f"alpha_{level}": alpha_from_coincidences(coincidence, stats.levels, level)
            for level in LEVELS_OF_MEASUREMENT
        }
        part["exact_agreement"], part["weighted_agreement"] = agreement_from_coincidences(
            coincidence, stats.levels
        )
        per_rater = np.asarray(by_rater @ weights).T
        rater_counts, rater_sums = per_rater[:, : stats.n_raters], per_rater[:, stats.n_raters :]
        part["icc_a1"] = icc_a1(weights.T @ moments, rater_counts, rater_sums)
        parts.append(part)
    return {name: np.concatenate([p[name] for p in parts]) for name in STATISTICS}


def reliability_summary(
    stats: UnitStatistics, n_boot: int = 1000, confidence: float = 0.95, seed: int = 0
) -> pd.DataFrame:
    """One row per statistic: estimate, interval, its method, and the data behind it.

    Columns: statistic, estimate, low, high, units, raters, ratings, clusters, too_few,
    replicates (resamples drawn), failed (resamples that gave no figure), method.
    """
    estimates = point_estimates(stats)
    too_few = stats.n_clusters < MIN_CLUSTERS or stats.n_units < MIN_UNITS
    replicates = bootstrap_replicates(stats, n_boot, seed) if n_boot and not too_few else {}
    complete = complete_table(stats)
    method = "resampling reviews" if stats.clusters is not None else "resampling strands"
    rows = []
    for name in STATISTICS:
        sample = replicates.get(name, np.array([]))
        usable = sample[np.isfinite(sample)]
        low, high = _percentiles(usable, len(sample), confidence)
        row_method = "" if too_few else method
        if name == "icc_a1" and complete is not None and not too_few:
            low, high = icc_a1_exact(complete, confidence)
            row_method = "exact F (McGraw and Wong)"
        rows.append(
            {
                "statistic": name,
                "estimate": estimates[name],
                "low": low,
                "high": high,
                "units": stats.n_units,
                "raters": stats.n_raters,
                "ratings": int(stats.ratings.sum()),
                "clusters": stats.n_clusters,
                "too_few": too_few,
                "replicates": len(sample),
                "failed": len(sample) - len(usable),
                "method": row_method,
            }
        )
    return pd.DataFrame(rows)


def _percentiles(usable: NDArray[np.float64], drawn: int, confidence: float) -> tuple[float, float]:
    """Percentile interval, or none when too many resamples failed to give a figure."""
    if not drawn or len(usable) < MIN_USABLE * drawn:
        return float("nan"), float("nan")
    tail = 100 * (1 - confidence) / 2
    low, high = np.percentile(usable, [tail, 100 - tail])
    return float(low), float(high)


def reliability_table(
    ratings: pd.DataFrame,
    by: str | Sequence[str] = (),
    unit: str = "unit",
    rater: str = "rater",
    value: str = "value",
    levels: ArrayLike | None = None,
    n_boot: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
    cluster: str | None = "review",
) -> pd.DataFrame:
    """Reliability per group (e.g. ``by=["area", "term"]``) from one row per rating.

    Values must be numbers whose order is the scale's order (e.g. 1 inadequate … 4
    outstanding). ``levels`` defaults to every value in the whole table, so that all groups
    share one scale. ``cluster`` (default "review", used when the column exists) groups
    units the bootstrap resamples together. Returns one row per group and statistic with
    columns ``*by``, statistic, estimate, low, high, units (pairable units behind the
    figure), raters, ratings, clusters, too_few, replicates, failed, method (see
    ``reliability_summary``). Groups with fewer than two pairable units are left out.
    """
    cluster = cluster if cluster in ratings.columns else None
    keys = [by] if isinstance(by, str) else list(by)
    domain = np.unique(ratings[value].dropna()) if levels is None else np.asarray(levels)
    groups = ratings.groupby(keys, sort=True, observed=True) if keys else [((), ratings)]
    tables = []
    for index, (group, frame) in enumerate(groups):
        stats = unit_statistics(frame, unit, rater, value, levels=domain, cluster=cluster)
        if stats.n_units < 2:
            continue
        table = reliability_summary(stats, n_boot, confidence, seed + index)
        names = group if isinstance(group, tuple) else (group,)
        for position, (column, name) in enumerate(zip(keys, names, strict=True)):
            table.insert(position, column, name)
        tables.append(table)
    columns = [*keys, "statistic", "estimate", "low", "high", "units", "raters", "ratings"]
    columns += ["clusters", "too_few", "replicates", "failed", "method"]
    return pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=columns)
