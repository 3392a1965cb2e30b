"""Repair is no worse than a fresh solve on the places it may change: after reviewers withdraw
from seeded instances (some places locked), it leaves no more lead places and no more places in
all empty than a fresh solve with the same locks, keeps every lock, breaks no rule, and every
empty place's reason names a real blocker of the repaired allocation (never a move to the week
the review is already in). Which places stay empty may differ between the two where they tie:
repair keeps a member where they are rather than move them to an equally good review, and may
fill a lead place where a fresh solve fills a peer place."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from collegium.allocation import (
    LEAD,
    PlainShape,
    Rules,
    Shape,
    Weights,
    allocate,
    generate,
    generate_plain,
    repair,
)

from .checker import Run, problems

SHAPES = {
    "ample": Shape(reviews=120, reviewers=260, schools=200, trusts=70, towns=4),
    "scarce": Shape(
        reviews=150,
        reviewers=250,
        schools=200,
        trusts=70,
        towns=3,
        availability=0.4,
        lead_share=0.15,
    ),  # fmt: skip
}


def empty(allocation, role: str) -> int:  # type: ignore[no-untyped-def]
    return sum(u.slots for u in allocation.unfilled if u.role == role)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("share", [0.05, 0.15])
def test_repair_fills_every_place_a_fresh_solve_fills(shape: str, seed: int, share: float) -> None:
    reviews, reviewers = generate(dataclasses.replace(SHAPES[shape], seed=seed))
    before = allocate(reviews, reviewers)
    rng = np.random.default_rng(seed)
    ids = [v.id for v in reviewers]
    withdrawn = {int(i) for i in rng.choice(ids, round(share * len(ids)), replace=False)}
    locked = [a for a in before.assignments if a.reviewer_id not in withdrawn][::7]
    after = repair(before, reviews, reviewers, withdrawn=withdrawn, locked=locked)
    staying = [v for v in reviewers if v.id not in withdrawn]
    fresh = allocate(reviews, staying, locked=locked)
    assert problems(Run(reviews, staying, Weights(), Rules()), after) == []
    assert {a.key for a in locked} <= {a.key for a in after.assignments}
    assert empty(after, LEAD) <= empty(fresh, LEAD)
    assert after.certificate.unfilled_slots <= fresh.certificate.unfilled_slots
    vacated = sum(a.reviewer_id in withdrawn for a in before.assignments)
    assert after.changed <= 2 * vacated + before.certificate.unfilled_slots


@pytest.mark.parametrize("seed", [1, 2])
def test_in_the_plain_matching_too(seed: int) -> None:
    """No weeks, leads or trusts: only capacity engages a reviewer; a third withdraw."""
    reviews, reviewers = generate_plain(PlainShape(reviews=100, reviewers=150, seed=seed))
    rules = Rules(max_km=None, teams=False)
    before = allocate(reviews, reviewers, rules=rules, shortlist=20)
    withdrawn = {v.id for v in reviewers[::3]}
    after = repair(before, reviews, reviewers, withdrawn=withdrawn, rules=rules)
    staying = [v for v in reviewers if v.id not in withdrawn]
    fresh = allocate(reviews, staying, rules=rules)
    assert after.certificate.unfilled_slots > 0
    assert after.certificate.unfilled_slots <= fresh.certificate.unfilled_slots
    assert problems(Run(reviews, staying, Weights(), rules), after) == []
