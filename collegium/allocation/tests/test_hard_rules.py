"""Each hard rule against an instance where breaking it would score best."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from collegium.allocation import (
    LEAD,
    PEER,
    Allocation,
    Assignment,
    InvalidInput,
    Reviewer,
    Weights,
    allocate,
)

from .factories import make_review, make_reviewer, team_of_three

TEMPTING: dict[str, Any] = {
    "east_km": 0.0,
    "subjects": frozenset({"maths", "science"}),
    "accredited_lead": True,
}


def members(allocation: Allocation, review_id: int = 1) -> set[int]:
    return {a.reviewer_id for a in allocation.teams.get(review_id, [])}


def assert_clean(allocation: Allocation) -> None:
    assert allocation.certificate.total_violations == 0, allocation.certificate.hard_violations


def tempted(**fields: Any) -> Allocation:
    """Allocate one review with a valid team to hand plus reviewer 9, who would score best."""
    review, reviewers = team_of_three(**fields.pop("review", {}))
    allocation = allocate([review], [*reviewers, make_reviewer(9, **(TEMPTING | fields))])
    assert_clean(allocation)
    assert members(allocation) == {1, 2, 3}
    return allocation


def test_tempting_reviewer_is_chosen_when_nothing_forbids_it() -> None:
    review, reviewers = team_of_three()
    allocation = allocate([review], [*reviewers, make_reviewer(9, **TEMPTING)])
    assert 9 in members(allocation)


def test_never_own_school() -> None:
    tempted(school_id=101)


def test_never_same_trust() -> None:
    tempted(trust_id=7, review={"trust_id": 7})


def test_never_schools_that_reviewed_each_other_last_cycle() -> None:
    tempted(school_id=555, review={"last_cycle_partners": frozenset({555})})


def test_never_declared_conflict() -> None:
    tempted(declared_conflicts=frozenset({101}))


def test_never_former_employment() -> None:
    tempted(former_schools=frozenset({101}))


def test_never_unavailable_week() -> None:
    tempted(weeks=frozenset({2, 3}))


def test_never_beyond_the_distance_limit() -> None:
    review, reviewers = team_of_three()
    far = make_reviewer(9, **(TEMPTING | {"east_km": 121.0, "subjects": frozenset({"maths"})}))
    allocation = allocate([review], [*reviewers, far], weights=Weights(travel=0.0, new_pairing=9))
    assert_clean(allocation)
    assert 9 not in members(allocation)


def two_reviews(week_two: int) -> list:
    return [make_review(1), make_review(2, week=week_two, east_km=5.0)]


def test_within_capacity() -> None:
    star = make_reviewer(9, **(TEMPTING | {"capacity": 1}))
    backups = [make_reviewer(i, accredited_lead=i < 3) for i in range(1, 7)]
    allocation = allocate(two_reviews(week_two=2), [star, *backups])
    assert_clean(allocation)
    assert sum(a.reviewer_id == 9 for a in allocation.assignments) == 1
    assert allocation.certificate.unfilled_slots == 0


def test_one_review_per_week() -> None:
    star = make_reviewer(9, **TEMPTING)
    backups = [make_reviewer(i, accredited_lead=i < 3) for i in range(1, 7)]
    allocation = allocate(two_reviews(week_two=1), [star, *backups])
    assert_clean(allocation)
    assert sum(a.reviewer_id == 9 for a in allocation.assignments) == 1


def test_exactly_one_accredited_lead() -> None:
    review, reviewers = team_of_three()
    unaccredited_star = make_reviewer(9, **(TEMPTING | {"accredited_lead": False}))
    allocation = allocate([review], [*reviewers, unaccredited_star])
    assert_clean(allocation)
    leads = [a for a in allocation.teams[1] if a.role == LEAD]
    assert [a.reviewer_id for a in leads] == [1]


def test_without_an_accredited_lead_the_peers_are_still_placed() -> None:
    review = make_review()
    allocation = allocate([review], [make_reviewer(i) for i in range(1, 4)])
    assert_clean(allocation)
    assert len(allocation.teams[1]) == 2
    assert [(u.role, u.slots) for u in allocation.unfilled] == [(LEAD, 1)]


def test_one_member_per_trust() -> None:
    review = make_review(peers=3)
    stars = [make_reviewer(i, **(TEMPTING | {"trust_id": 9})) for i in (7, 8, 9)]
    others = [make_reviewer(i, east_km=30.0, accredited_lead=i == 1) for i in (1, 2, 3)]
    allocation = allocate([review], [*stars, *others])
    assert_clean(allocation)
    assert len(members(allocation) & {7, 8, 9}) == 1
    assert len(members(allocation)) == 4


def test_lead_and_peer_never_share_a_trust_at_scale() -> None:
    """Beyond the exact size the flow cannot see this rule; the team re-solve must."""
    reviews = [make_review(i, week=i % 13 + 1, school_id=100 + i) for i in range(1, 110)]
    reviewers: list[Reviewer] = []
    for i in range(1, 25):
        near = {"east_km": 1.0, "subjects": frozenset({"maths", "science"}), "capacity": 13}
        reviewers.append(make_reviewer(i, trust_id=i, accredited_lead=True, **near))
        reviewers.append(make_reviewer(1000 + i, trust_id=i, **near))
        reviewers.append(make_reviewer(2000 + i, east_km=60.0, capacity=13))
    allocation = allocate(reviews, reviewers)
    assert allocation.certificate.candidate_pairs > 3000
    assert_clean(allocation)
    assert allocation.certificate.unfilled_slots == 0


def test_team_covers_the_phase() -> None:
    review = make_review(peers=2)
    primary_stars = [
        make_reviewer(i, **(TEMPTING | {"phases": frozenset({"primary"})})) for i in (7, 8, 9)
    ]
    secondary = make_reviewer(1, east_km=90.0, subjects=frozenset())
    allocation = allocate([review], [*primary_stars, secondary], weights=Weights(phase=0.0))
    assert_clean(allocation)
    assert 1 in members(allocation)
    assert len(members(allocation)) == 3


def test_locked_members_stay_and_a_lock_that_breaks_a_rule_is_refused() -> None:
    review, reviewers = team_of_three()
    star = make_reviewer(9, **TEMPTING)
    locked = [Assignment(1, 2, PEER)]
    allocation = allocate([review], [*reviewers, star], locked=locked)
    assert_clean(allocation)
    assert 2 in members(allocation)
    with pytest.raises(InvalidInput, match="Reviewer 9 on the review of School 101: .*own school"):
        allocate([review], [*reviewers, make_reviewer(9, school_id=101)],
                 locked=[Assignment(1, 9, PEER)])  # fmt: skip
    with pytest.raises(InvalidInput, match="not an accredited lead"):
        allocate([review], reviewers, locked=[Assignment(1, 2, LEAD)])


def test_fallback_drops_only_members_who_break_a_team_rule() -> None:
    """If HiGHS finds nothing in time, teams keep every member who breaks no rule."""
    from collegium.allocation.candidates import build_problem
    from collegium.allocation.flow import Picks
    from collegium.allocation.teams import valid_part

    review = make_review(peers=2)
    reviewers = [
        make_reviewer(1, accredited_lead=True, trust_id=5),
        make_reviewer(2, trust_id=5),  # same trust as the lead
        make_reviewer(3),
    ]
    p = build_problem([review], reviewers)
    picks = Picks(np.arange(3), np.array([True, False, False]))
    kept = valid_part(p, picks)
    assert sorted(int(p.pair_v[i]) + 1 for i in kept.pair) == [1, 3]
    primary = [make_reviewer(i, phases=frozenset({"primary"}), accredited_lead=i == 1)
               for i in (1, 2, 3)]  # fmt: skip
    p = build_problem([review], primary)
    kept = valid_part(p, Picks(np.arange(3), np.array([True, False, False])))
    assert kept.pair.size == 2  # an incomplete team, not one without the phase
