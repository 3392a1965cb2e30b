"""The optimiser's result against an independent MILP over every pair and every hard rule."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp

from collegium.allocation import (
    PlainShape,
    Review,
    Reviewer,
    Rules,
    Shape,
    Weights,
    allocate,
    generate,
    generate_plain,
    pair_breaks,
)


def pair_score(review: Review, reviewer: Reviewer, w: Weights, receiving: set[int]) -> float:
    km = math.hypot(review.east_km - reviewer.east_km, review.north_km - reviewer.north_km)
    total = (
        w.phase * (review.phase in reviewer.phases)
        + w.subject * len(review.subjects & reviewer.subjects) / max(len(review.subjects), 1)
        + w.travel * max(0.0, 1 - km / w.travel_km)
        + w.new_pairing * (review.school_id not in reviewer.reviewed_schools)
        + w.reciprocity * (reviewer.school_id in receiving)
    )
    return round(total * 1000) / 1000


def _trust(v: Reviewer) -> int:
    return v.trust_id if v.trust_id is not None else -1 - v.school_id


def best_possible(reviews: list[Review], reviewers: list[Reviewer], rules: Rules) -> float:
    """Optimum of score − load costs − unfilled penalty, written out rule by rule."""
    w = Weights()
    receiving = {r.school_id for r in reviews}
    vars_ = [
        (i, j, lead)
        for i, r in enumerate(reviews)
        for j, v in enumerate(reviewers)
        if not pair_breaks(r, v, rules)
        for lead in ((False, True) if rules.teams and v.accredited_lead else (False,))
    ]
    n, nr = len(vars_), len(reviews)
    tiers = [(j, k) for j, v in enumerate(reviewers) for k in range(v.capacity)]
    size = n + 2 * nr + len(tiers)
    cost = np.r_[
        [-pair_score(reviews[i], reviewers[j], w, receiving) for i, j, _ in vars_],
        np.full(nr, w.unfilled if rules.teams else 0.0),
        np.full(nr, w.unfilled),
        [w.load * k for _, k in tiers],
    ]
    groups = _groups(reviews, reviewers, rules, vars_)
    for t, (j, _) in enumerate(tiers):
        groups.setdefault(("load", j), {})[n + 2 * nr + t] = -1.0
    rows = _rows(reviews, rules, groups, n)
    matrix = np.zeros((len(rows), size))
    for row, (coefs, _, _) in enumerate(rows):
        matrix[row, list(coefs)] = list(coefs.values())
    upper = np.r_[np.ones(n), np.ones(nr), [r.peers for r in reviews], np.ones(len(tiers))]
    result = milp(
        cost,
        constraints=LinearConstraint(matrix, [lb for _, lb, _ in rows], [ub for _, _, ub in rows]),
        integrality=np.ones(size),
        bounds=Bounds(np.zeros(size), upper),
    )
    assert result.success
    return -float(result.fun)


Group = dict[tuple, dict[int, float]]


def _groups(reviews: list[Review], reviewers: list[Reviewer], rules: Rules, vars_: list) -> Group:
    """Columns of each review's leads and peers, each reviewer's load, trust and week."""
    groups: Group = {}
    for c, (i, j, lead) in enumerate(vars_):
        groups.setdefault(("lead" if lead else "peer", i), {})[c] = 1.0
        groups.setdefault(("load", j), {})[c] = 1.0
        if rules.teams:
            groups.setdefault(("trust", i, _trust(reviewers[j])), {})[c] = 1.0
            groups.setdefault(("week", j, reviews[i].week), {})[c] = 1.0
            if reviews[i].phase in reviewers[j].phases:
                groups.setdefault(("phase", i), {})[c] = 1.0
    return groups


def _rows(reviews: list[Review], rules: Rules, groups: Group, n: int) -> list:
    nr = len(reviews)
    rows: list[tuple[dict[int, float], float, float]] = []
    for i, r in enumerate(reviews):
        rows.append((groups.get(("lead", i), {}) | {n + i: 1.0}, 1, 1))
        rows.append((groups.get(("peer", i), {}) | {n + nr + i: 1.0}, r.peers, r.peers))
        if rules.teams:
            phase = groups.get(("phase", i), {}) | {n + i: 1.0, n + nr + i: 1.0}
            rows.append((phase, 1, np.inf))
    for key, coefs in groups.items():
        if key[0] == "load":
            rows.append((coefs, 0, 0))
        elif key[0] in ("trust", "week"):
            rows.append((coefs, 0, 1))
    return rows


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_teams_exact_optimum_on_small_instances(seed: int) -> None:
    shape = Shape(reviews=5, reviewers=18, schools=16, trusts=5, towns=2, weeks=3, seed=seed)
    reviews, reviewers = generate(shape)
    allocation = allocate(reviews, reviewers, floor_share=None)
    optimum = best_possible(reviews, reviewers, Rules())
    assert allocation.certificate.score == pytest.approx(optimum, abs=1e-6)
    assert allocation.certificate.lp_bound >= optimum - 1e-6
    assert allocation.certificate.total_violations == 0


@pytest.mark.parametrize("seed", [1, 2])
def test_plain_matching_exact_optimum(seed: int) -> None:
    reviews, reviewers = generate_plain(PlainShape(reviews=8, reviewers=9, conflicts=2, seed=seed))
    rules = Rules(max_km=None, teams=False)
    allocation = allocate(reviews, reviewers, rules=rules)
    optimum = best_possible(reviews, reviewers, rules)
    assert allocation.certificate.score == pytest.approx(optimum, abs=1e-6)
    assert allocation.certificate.gap == pytest.approx(0.0, abs=1e-12)


def test_bound_holds_and_gap_is_small_beyond_the_exact_size() -> None:
    shape = Shape(reviews=40, reviewers=120, schools=80, trusts=25, towns=1, weeks=4, seed=7)
    reviews, reviewers = generate(shape)
    allocation = allocate(reviews, reviewers)
    assert allocation.certificate.candidate_pairs > 3000  # not solved as one MILP
    optimum = best_possible(reviews, reviewers, Rules())
    assert optimum - 0.005 * optimum <= allocation.certificate.score <= optimum + 1e-6
    assert allocation.certificate.lp_bound >= optimum - 1e-6
    assert allocation.certificate.total_violations == 0


def test_shortlist_reaches_the_same_optimum_and_bound() -> None:
    reviews, reviewers = generate_plain(PlainShape(reviews=60, reviewers=90, seed=3))
    rules = Rules(max_km=None, teams=False)
    full = allocate(reviews, reviewers, rules=rules)
    short = allocate(reviews, reviewers, rules=rules, shortlist=2)
    assert short.certificate.score == pytest.approx(full.certificate.score)
    assert short.certificate.lp_bound == pytest.approx(full.certificate.lp_bound)
    assert short.certificate.gap == pytest.approx(0.0, abs=1e-12)


def test_shortlisted_team_flow_keeps_the_bound_over_every_pair() -> None:
    shape = Shape(reviews=150, reviewers=300, schools=250, trusts=80, towns=3, seed=3)
    reviews, reviewers = generate(shape)
    full = allocate(reviews, reviewers)
    short = allocate(reviews, reviewers, shortlist=3)
    assert short.certificate.lp_bound == pytest.approx(full.certificate.lp_bound)
    assert short.certificate.total_violations == 0
