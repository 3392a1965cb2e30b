"""Pair scores as an input: a network (or a test) gives its own score for any candidate pair, and
the built-in scoring (Weights) stays the default for the pairs it does not score. The hard rules
still decide which pairs may meet; the certificate is over the scores used."""

from __future__ import annotations

import math

import numpy as np
import pytest

from collegium.allocation import (
    PEER,
    Review,
    Reviewer,
    Rules,
    Shape,
    Weights,
    allocate,
    generate,
)

from .checker import Run, km, problems
from .factories import make_review, make_reviewer
from .optimum import best_possible


def test_given_scores_replace_the_built_in_ones() -> None:
    review = make_review(peers=1)
    lead = make_reviewer(1, accredited_lead=True)
    near, far = make_reviewer(2, east_km=1.0), make_reviewer(3, east_km=100.0)
    assert {a.reviewer_id for a in allocate([review], [lead, near, far]).assignments} == {1, 2}
    scores = {(1, 3): 50.0}
    allocation = allocate([review], [lead, near, far], pair_scores=scores)
    assert {a.reviewer_id for a in allocation.assignments} == {1, 3}
    (peer,) = [a for a in allocation.assignments if a.role == PEER]
    assert peer.score == 50.0
    assert problems(Run([review], [lead, near, far], Weights(), Rules(), scores), allocation) == []


def test_a_scored_pair_that_breaks_a_rule_is_still_never_chosen() -> None:
    review = make_review(peers=1)
    reviewers = [make_reviewer(1, accredited_lead=True), make_reviewer(2),
                 make_reviewer(3, school_id=101)]  # fmt: skip
    allocation = allocate([review], reviewers, pair_scores={(1, 3): 1000.0})
    assert 3 not in {a.reviewer_id for a in allocation.assignments}
    assert allocation.certificate.candidate_pairs == 2


def network_scores(reviews: list[Review], reviewers: list[Reviewer]) -> dict:  # type: ignore[type-arg]
    """What Weights cannot say: credit for a related phase (half for an all-through or middle
    school's neighbours) and travel that decays exponentially rather than in a straight line."""
    related = {"primary": {"special"}, "secondary": {"alternative provision"}}
    scores = {}
    for r in reviews:
        for v in reviewers:
            phase = (
                3.0 if r.phase in v.phases else 1.5 * bool(related.get(r.phase, set()) & v.phases)
            )
            scores[(r.id, v.id)] = round(phase + 4.0 * math.exp(-km(r, v) / 40.0), 3)
    return scores


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_optimum_over_given_scores_is_exact(seed: int) -> None:
    shape = Shape(reviews=5, reviewers=18, schools=16, trusts=5, towns=2, weeks=3, seed=seed)
    reviews, reviewers = generate(shape)
    scores = network_scores(reviews, reviewers)
    allocation = allocate(reviews, reviewers, pair_scores=scores, floor_share=None)
    run = Run(reviews, reviewers, Weights(), Rules(), scores)
    assert problems(run, allocation) == []
    assert allocation.certificate.score == pytest.approx(best_possible(run), abs=1e-6)


def test_some_pairs_scored_the_rest_built_in_beyond_the_exact_size() -> None:
    reviews, reviewers = generate(Shape(reviews=80, reviewers=180, schools=150, trusts=40,
                                        towns=2, weeks=4, seed=4))  # fmt: skip
    rng = np.random.default_rng(4)
    scores = {(r.id, v.id): float(rng.integers(0, 12)) for r in reviews for v in reviewers
              if rng.random() < 0.3}  # fmt: skip
    allocation = allocate(reviews, reviewers, pair_scores=scores)
    run = Run(reviews, reviewers, Weights(), Rules(), scores)
    assert allocation.certificate.candidate_pairs > 3000
    assert problems(run, allocation) == []
    by_pair = {(a.review_id, a.reviewer_id): a.score for a in allocation.assignments}
    assert any(pair in scores and scores[pair] == s for pair, s in by_pair.items())
