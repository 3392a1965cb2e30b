"""Property-based: random small instances, degenerate ones included (no reviewers, no reviews,
teams of a lead alone, reviewers with no capacity, no weeks or no phase, everyone in one trust,
more places than people), checked against an independent recount (checker.py): every hard rule
holds, every figure of the certificate is true (the score, the empty slots, the bound above the
true optimum found by an independent MILP, and the score equal to it: these instances are small
enough to be solved exactly), and every empty slot's reason says something true of the result.
A repair after some reviewers withdraw (and a review moves week) is checked the same way, and
leaves no more lead places and no more places in all empty than a fresh solve with the same
locks. The default run (lifting the worst-off reviews) is checked for rules, figures and
reasons too."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collegium.allocation import (
    LEAD,
    PairScores,
    Review,
    Reviewer,
    Rules,
    Weights,
    allocate,
    repair,
)

from .checker import Run, problems
from .optimum import best_possible

PHASES = ("primary", "secondary", "special")
SUBJECTS = ("maths", "English", "science")
WEEKS = (1, 2, 3)
EXAMPLES = settings(
    max_examples=1000,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def subsets(items: tuple[Any, ...]) -> st.SearchStrategy[frozenset[Any]]:
    return st.frozensets(st.sampled_from(items), max_size=len(items))


@st.composite
def instances(draw: st.DrawFn) -> Run:
    teams = draw(st.sampled_from([True, True, True, False]))
    schools = draw(st.integers(1, 8))
    school_ids = tuple(range(schools))
    trust = [draw(st.sampled_from([None, None, 1, 2])) for _ in school_ids]
    place = [(40.0 * draw(st.integers(0, 4)), 40.0 * draw(st.integers(0, 4))) for _ in school_ids]
    reviews = []
    for i in range(draw(st.integers(0, 4))):
        school = draw(st.sampled_from(school_ids))
        reviews.append(Review(
            id=10 + i, school_id=school, school_name=f"School {school}", trust_id=trust[school],
            phase=draw(st.sampled_from(PHASES)), subjects=draw(subsets(SUBJECTS)),
            week=draw(st.sampled_from(WEEKS)), peers=draw(st.integers(0 if teams else 1, 3)),
            east_km=place[school][0], north_km=place[school][1],
            last_cycle_partners=draw(subsets(school_ids)) if draw(st.booleans()) else frozenset(),
        ))  # fmt: skip
    reviewers = [
        _reviewer(draw, j, school_ids, trust, place) for j in range(draw(st.integers(0, 7)))
    ]
    weights = draw(st.sampled_from([Weights(), Weights(phase=0.0, load=0.0, travel_km=60.0),
                                    Weights(subject=5.5, unfilled=50.0, load=1.0)]))  # fmt: skip
    rules = Rules(max_km=draw(st.sampled_from([None, 60.0, 120.0])), teams=teams)
    scores = None
    wanted = draw(st.booleans())
    if reviews and reviewers and wanted:
        pairs = [(r.id, v.id) for r in reviews for v in reviewers]
        chosen = draw(st.lists(st.sampled_from(pairs), max_size=8, unique=True))
        scores = {pair: draw(st.sampled_from([0.0, 0.5, 4.0, 12.25])) for pair in chosen}
    return Run(reviews, reviewers, weights, rules, scores)


def _reviewer(draw: st.DrawFn, j: int, school_ids: tuple[int, ...], trust: list, place: list):  # type: ignore[no-untyped-def,type-arg]
    school = draw(st.sampled_from(school_ids))
    schools = subsets(school_ids)
    return Reviewer(
        id=100 + j, name=f"Reviewer {100 + j}", school_id=school, trust_id=trust[school],
        phases=draw(subsets(PHASES)), subjects=draw(subsets(SUBJECTS)),
        accredited_lead=draw(st.booleans()), capacity=draw(st.integers(0, 3)),
        weeks=draw(subsets(WEEKS)), east_km=place[school][0], north_km=place[school][1],
        reviewed_schools=draw(schools), declared_conflicts=draw(schools) if j % 3 == 0 else
        frozenset(), former_schools=draw(schools) if j % 4 == 0 else frozenset(),
    )  # fmt: skip


def solve(run: Run, **options: Any):  # type: ignore[no-untyped-def]
    return allocate(run.reviews, run.reviewers, run.weights, run.rules,
                    pair_scores=run.pair_scores, floor_share=None, **options)  # fmt: skip


@EXAMPLES
@given(run=instances(), data=st.data())
def test_any_small_instance_gets_a_valid_allocation_with_a_true_certificate(
    run: Run, data: st.DataObject
) -> None:
    allocation = solve(run)
    assert problems(run, allocation) == []
    lifted = allocate(run.reviews, run.reviewers, run.weights, run.rules,
                      pair_scores=run.pair_scores)  # fmt: skip
    assert problems(run, lifted) == []  # the default: the worst-off reviews lifted
    optimum = best_possible(run)
    assert allocation.certificate.lp_bound >= optimum - 1e-6
    assert math.isclose(allocation.certificate.score, optimum, abs_tol=1e-3)
    if not allocation.assignments:
        return
    gone = data.draw(subsets(tuple(sorted({a.reviewer_id for a in allocation.assignments}))))
    moved = data.draw(st.dictionaries(st.sampled_from([r.id for r in run.reviews]),
                                      st.sampled_from(WEEKS), max_size=1))  # fmt: skip
    locks = [a for a in allocation.assignments
             if a.reviewer_id not in gone and a.review_id not in moved][:1]  # fmt: skip
    repaired = repair(
        allocation, run.reviews, run.reviewers, withdrawn=gone, moved=moved, locked=locks,
        weights=run.weights, rules=run.rules, pair_scores=run.pair_scores,
    )  # fmt: skip
    staying = [v for v in run.reviewers if v.id not in gone]
    reviews = [dataclasses.replace(r, week=moved.get(r.id, r.week)) for r in run.reviews]
    left = Run(reviews, staying, run.weights, run.rules, _without(run.pair_scores, gone))
    assert problems(left, repaired) == []
    assert {a.key for a in locks} <= {a.key for a in repaired.assignments}
    fresh = solve(left, locked=locks)
    assert _empty(repaired, LEAD) <= _empty(fresh, LEAD)
    assert repaired.certificate.unfilled_slots <= fresh.certificate.unfilled_slots


def _without(scores: PairScores | None, gone: frozenset[int]) -> PairScores | None:
    return {k: s for k, s in scores.items() if k[1] not in gone} if scores else scores


def _empty(allocation, role: str) -> int:  # type: ignore[no-untyped-def]
    return sum(u.slots for u in allocation.unfilled if u.role == role)
