"""Bootstrap intervals over units, and the reliability table per group.

A bootstrap replicate draws units with replacement; each statistic is a function of sums of
per-unit statistics, so a block of replicates is one product of a (replicates × units) matrix
of draw counts with the per-unit statistics — no Python loop over replicates or units.
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

# Draw-count matrices are built in blocks of about this many cells to bound memory.
_BLOCK_CELLS = 4_000_000


def bootstrap_replicates(
    stats: UnitStatistics, n_boot: int = 1000, seed: int = 0
) -> dict[str, NDArray[np.float64]]:
    """Every statistic in ``STATISTICS`` on ``n_boot`` resamples of the units."""
    rng = np.random.default_rng(seed)
    n_units, k = stats.n_units, len(stats.levels)
    block = max(1, min(n_boot, _BLOCK_CELLS // max(n_units, 1)))
    moments = unit_moments(stats)
    # Rater counts and rater sums in one sparse product: (2 × raters) × units.
    by_rater = sparse.vstack([stats.raters.T, stats.values.T], format="csr")
    parts: list[dict[str, NDArray[np.float64]]] = []
    for start in range(0, n_boot, block):
        size = min(block, n_boot - start)
        draws = rng.integers(0, n_units, size=(size, n_units))
        # Draw counts laid out units × replicates, the layout the sparse product wants.
        cells = (draws * size + np.arange(size)[:, None]).ravel()
        counts = np.bincount(cells, minlength=n_units * size).reshape(n_units, size)
        weights = counts.astype(float)
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
    """One row per statistic: estimate, percentile bootstrap interval, units, raters, ratings."""
    estimates = point_estimates(stats)
    replicates = bootstrap_replicates(stats, n_boot, seed) if n_boot else {}
    tail = 100 * (1 - confidence) / 2
    rows = []
    for name in STATISTICS:
        sample = replicates.get(name, np.array([np.nan]))
        sample = sample[np.isfinite(sample)]
        low, high = np.percentile(sample, [tail, 100 - tail]) if len(sample) else (np.nan,) * 2
        rows.append(
            {
                "statistic": name,
                "estimate": estimates[name],
                "low": float(low),
                "high": float(high),
                "units": stats.n_units,
                "raters": stats.n_raters,
                "ratings": int(stats.ratings.sum()),
            }
        )
    return pd.DataFrame(rows)


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
) -> pd.DataFrame:
    """Reliability per group (e.g. ``by=["area", "term"]``) from one row per rating.

    Values must be numbers whose order is the scale's order (e.g. 1 inadequate … 4
    outstanding). ``levels`` defaults to every value in the whole table, so that all groups
    share one scale. Returns one row per group and statistic with columns ``*by``,
    statistic, estimate, low, high, units (pairable units behind the figure), raters, ratings.
    Groups with fewer than two pairable units are left out.
    """
    keys = [by] if isinstance(by, str) else list(by)
    domain = np.unique(ratings[value].dropna()) if levels is None else np.asarray(levels)
    groups = ratings.groupby(keys, sort=True, observed=True) if keys else [((), ratings)]
    tables = []
    for index, (group, frame) in enumerate(groups):
        stats = unit_statistics(frame, unit, rater, value, levels=domain)
        if stats.n_units < 2:
            continue
        table = reliability_summary(stats, n_boot, confidence, seed + index)
        names = group if isinstance(group, tuple) else (group,)
        for position, (column, name) in enumerate(zip(keys, names, strict=True)):
            table.insert(position, column, name)
        tables.append(table)
    columns = [*keys, "statistic", "estimate", "low", "high", "units", "raters", "ratings"]
    return pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=columns)
