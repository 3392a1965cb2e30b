"""Repair without reshuffle, determinism, progress, and no Django in the pure package."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest

from collegium.allocation import Shape, allocate, generate, repair

PACKAGE = Path(__file__).resolve().parent.parent
SHAPE = Shape(reviews=120, reviewers=260, schools=200, trusts=70, towns=4, seed=11)


@pytest.fixture(scope="module")
def instance():
    reviews, reviewers = generate(SHAPE)
    return reviews, reviewers, allocate(reviews, reviewers)


def test_withdrawals_refill_vacated_slots_and_keep_locked_members(instance) -> None:
    reviews, reviewers, before = instance
    rng = np.random.default_rng(2)
    withdrawn = {int(i) for i in rng.choice([v.id for v in reviewers], 13, replace=False)}
    vacated = sum(a.reviewer_id in withdrawn for a in before.assignments)
    locked = [a for a in before.assignments if a.reviewer_id not in withdrawn][::5]
    gone = next(a for a in before.assignments if a.reviewer_id in withdrawn)
    after = repair(before, reviews, reviewers, withdrawn=withdrawn, locked=[*locked, gone])
    assert after.certificate.total_violations == 0
    assert not any(a.reviewer_id in withdrawn for a in after.assignments)
    assert {a.key for a in locked} <= {a.key for a in after.assignments}
    assert vacated > 0
    assert after.changed <= 2 * vacated
    assert after.certificate.unfilled_slots <= before.certificate.unfilled_slots + vacated
    kept = {a.key for a in before.assignments} & {a.key for a in after.assignments}
    assert len(kept) >= len(before.assignments) - vacated - after.changed


def test_moving_a_review_week_changes_only_what_must_change(instance) -> None:
    reviews, reviewers, before = instance
    review = reviews[0]
    new_week = review.week % SHAPE.weeks + 1
    after = repair(before, reviews, reviewers, moved={review.id: new_week})
    assert after.certificate.total_violations == 0
    untouched = [a for a in before.assignments if a.review_id != review.id]
    now = {a.key for a in after.assignments}
    moved_off = sum(a.key not in now for a in untouched)
    assert moved_off <= after.changed <= 2 * (review.peers + 1)


def test_same_seed_same_allocation() -> None:
    shape = Shape(reviews=60, reviewers=120, schools=100, trusts=30, towns=3, seed=5)
    first = allocate(*generate(shape))
    second = allocate(*generate(shape))
    assert first.assignments == second.assignments
    assert first.certificate.score == second.certificate.score
    other = allocate(*generate(Shape(reviews=60, reviewers=120, schools=100, trusts=30, seed=6)))
    assert other.assignments != first.assignments


def test_progress_is_reported_from_zero_to_one() -> None:
    seen: list[tuple[float, str]] = []
    allocate(
        *generate(Shape(reviews=20, reviewers=40, schools=40, trusts=10)),
        progress=lambda f, m: seen.append((f, m)),
    )
    fractions = [f for f, _ in seen]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert fractions == sorted(fractions)
    assert all(message for _, message in seen)


def test_no_module_imports_django() -> None:
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(n == "django" or n.startswith("django.") for n in names), path
