"""The best possible score of a run, from an independent MILP written rule by rule (it shares
nothing with the package but the dataclasses)."""

from __future__ import annotations

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from .checker import Run, candidate, trust


def best_possible(run: Run) -> float:
    """Optimum of pair scores − load costs − empty slots × their price, rule by rule."""
    reviews, reviewers, rules, w = run.reviews, run.reviewers, run.rules, run.weights
    columns = [
        (i, j, lead)
        for i, r in enumerate(reviews)
        for j, v in enumerate(reviewers)
        if candidate(r, v, rules)
        for lead in ((False, True) if rules.teams and v.accredited_lead else (False,))
    ]
    n, nr = len(columns), len(reviews)
    tiers = [(j, k) for j, v in enumerate(reviewers) for k in range(v.capacity)]
    size = n + 2 * nr + len(tiers)
    if size == 0:
        return 0.0
    cost = np.r_[
        [-run.pair_score(reviews[i], reviewers[j]) for i, j, _ in columns],
        np.full(nr, w.unfilled if rules.teams else 0.0),
        np.full(nr, w.unfilled),
        [w.load * k for _, k in tiers],
    ]
    rows = _rows(run, columns, tiers)
    matrix = np.zeros((max(len(rows), 1), size))
    for row, (coefs, _, _) in enumerate(rows):
        matrix[row, list(coefs)] = list(coefs.values())
    upper = np.r_[np.ones(n), np.ones(nr) * (1 if rules.teams else 0),
                  [r.peers for r in reviews], np.ones(len(tiers))]  # fmt: skip
    result = milp(
        cost,
        constraints=LinearConstraint(
            matrix, [lb for _, lb, _ in rows] or [0], [ub for _, _, ub in rows] or [0]
        ),  # fmt: skip
        integrality=np.ones(size),
        bounds=Bounds(np.zeros(size), upper),
    )
    assert result.success, result.message
    return -float(result.fun)


def _rows(run: Run, columns: list, tiers: list) -> list:  # type: ignore[type-arg]
    reviews, reviewers, rules = run.reviews, run.reviewers, run.rules
    n, nr = len(columns), len(reviews)
    groups: dict[tuple, dict[int, float]] = {}  # type: ignore[type-arg]
    for c, (i, j, lead) in enumerate(columns):
        groups.setdefault(("lead" if lead else "peer", i), {})[c] = 1.0
        groups.setdefault(("load", j), {})[c] = 1.0
        groups.setdefault(("once", i, j), {})[c] = 1.0
        if rules.teams:
            groups.setdefault(("trust", i, trust(reviewers[j])), {})[c] = 1.0
            groups.setdefault(("week", j, reviews[i].week), {})[c] = 1.0
            if reviews[i].phase in reviewers[j].phases:
                groups.setdefault(("phase", i), {})[c] = 1.0
    for t, (j, _) in enumerate(tiers):
        groups.setdefault(("load", j), {})[n + 2 * nr + t] = -1.0
    rows: list[tuple[dict[int, float], float, float]] = []
    for i, r in enumerate(reviews):
        lead_need = 1 if rules.teams else 0
        rows.append((groups.get(("lead", i), {}) | {n + i: 1.0}, lead_need, lead_need))
        rows.append((groups.get(("peer", i), {}) | {n + nr + i: 1.0}, r.peers, r.peers))
        if rules.teams:
            rows.append((groups.get(("phase", i), {}) | {n + i: 1.0, n + nr + i: 1.0}, 1, np.inf))
    for key, coefs in groups.items():
        if key[0] == "load":
            rows.append((coefs, 0, 0))
        elif key[0] in ("trust", "week", "once"):
            rows.append((coefs, 0, 1))
    return rows
