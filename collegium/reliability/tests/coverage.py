"""Repeated draws with known truth: how often intervals cover it (tests and bench/quality.py)."""

import numpy as np
import pandas as pd

from collegium.reliability import SeverityModel
from collegium.reliability.agreement import point_estimates, unit_statistics
from collegium.reliability.bootstrap import reliability_summary
from collegium.reliability.tests.truth import draw_network, draw_reviews


def alpha_coverage(
    draws: int = 200, n_reviews: int = 60, n_boot: int = 400, seed: int = 0
) -> dict[str, float]:
    """Share of draws whose interval covers each statistic's value over the network's reviews.

    The network (reviewers, severities, workloads, regions) is fixed; each draw is a new set
    of its reviews. The truth is the statistic on 20,000 reviews of the same network.
    """
    rng = np.random.default_rng(seed)
    network = draw_network(rng=rng)
    big = draw_reviews(network, n_reviews=20_000, rng=rng)
    truth = point_estimates(unit_statistics(big, rater="reviewer"))
    hits: dict[str, list[bool]] = {}
    for draw in range(draws):
        ratings = draw_reviews(network, n_reviews=n_reviews, rng=rng)
        stats = unit_statistics(ratings, rater="reviewer", cluster="review")
        table = reliability_summary(stats, n_boot=n_boot, seed=seed + draw)
        for row in table.itertuples():
            covered = bool(row.low <= truth[str(row.statistic)] <= row.high)
            hits.setdefault(str(row.statistic), []).append(covered)
    return {name: float(np.mean(values)) for name, values in hits.items()}


def severity_draws(
    draws: int = 40, n_reviewers: int = 40, n_reviews: int = 60, halo: bool = True, seed: int = 0
) -> pd.DataFrame:
    """Every reviewer of every draw: true severity, interval, reading, threshold, part.

    Each draw is a new network and new reviews (severity is a random effect: its intervals
    are right on average over reviewers drawn from the network's spread). Values are the
    latent scores, on which severity is exactly what the model estimates.
    """
    rng = np.random.default_rng(seed)
    tables = []
    for draw in range(draws):
        network = draw_network(n_reviewers=n_reviewers, rng=rng)
        ratings = draw_reviews(network, n_reviews=n_reviews, levels=False, rng=rng)
        model = SeverityModel(halo=halo).fit(ratings)
        table = model.severity_.assign(
            draw=draw,
            truth=network.severity[model.severity_["reviewer"].to_numpy()],
            threshold=model.flag_threshold_,
            isolated=network.region[model.severity_["reviewer"].to_numpy()] == network.regions - 1,
        )
        tables.append(table)
    return pd.concat(tables, ignore_index=True)


def severity_coverage(table: pd.DataFrame) -> float:
    return float(((table["low"] <= table["truth"]) & (table["truth"] <= table["high"])).mean())
