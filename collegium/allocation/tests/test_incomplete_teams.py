"""The choices for teams that cannot be completed, as ADR 0006 writes them down."""

from __future__ import annotations

import numpy as np

from collegium.allocation import LEAD, PEER, Assignment, Rules, Weights, allocate
from collegium.allocation.candidates import build_problem
from collegium.allocation.fill import promote
from collegium.allocation.flow import Picks

from .checker import Run, problems
from .factories import make_review, make_reviewer


def roles(allocation, review_id: int = 1) -> dict[str, int]:  # type: ignore[no-untyped-def]
    team = allocation.teams.get(review_id, [])
    return {LEAD: sum(a.role == LEAD for a in team), PEER: sum(a.role == PEER for a in team)}


def test_phase_coverage_is_a_rule_of_complete_teams_only() -> None:
    """A team left short may lack the phase: its empty place is where someone who knows the
    phase would go."""
    review = make_review(phase="special", peers=2)
    reviewers = [make_reviewer(1, accredited_lead=True), make_reviewer(2)]
    allocation = allocate([review], reviewers)
    assert roles(allocation) == {LEAD: 1, PEER: 1}
    assert allocation.certificate.hard_violations["phase not covered"] == 0
    (empty,) = allocation.unfilled
    assert (empty.role, empty.slots) == (PEER, 1)
    assert problems(Run([review], reviewers, Weights(), Rules()), allocation) == []


def test_when_nobody_free_knows_the_phase_the_team_is_filled_to_one_short() -> None:
    review = make_review(phase="special", peers=2)
    reviewers = [make_reviewer(i, accredited_lead=i == 1) for i in (1, 2, 3, 4)]
    allocation = allocate([review], reviewers)
    assert sum(roles(allocation).values()) == 2
    (empty,) = allocation.unfilled
    assert empty.slots == 1
    assert empty.reason.startswith("No reviewer who knows the special phase is free")
    assert "the team's last place needs one" in empty.reason


def test_a_review_with_no_lead_to_be_had_keeps_its_peers() -> None:
    review = make_review(peers=3)
    reviewers = [make_reviewer(i) for i in (1, 2, 3, 4)]
    allocation = allocate([review], reviewers)
    assert roles(allocation) == {LEAD: 0, PEER: 3}
    assert [(u.role, u.slots) for u in allocation.unfilled] == [(LEAD, 1)]
    assert allocation.unfilled[0].reason.startswith("No accredited lead is free")


def test_between_equal_choices_the_lead_place_is_filled_first() -> None:
    """Nobody knows the phase, so one of three places stays empty; the three reviewers score
    the same, and the one accredited lead leads rather than filling a peer place."""
    review = make_review(phase="special", peers=2)
    for lead in (1, 2, 3):
        reviewers = [make_reviewer(i, accredited_lead=i == lead) for i in (1, 2, 3)]
        allocation = allocate([review], reviewers)
        assert roles(allocation) == {LEAD: 1, PEER: 1}
        assert [a.reviewer_id for a in allocation.teams[1] if a.role == LEAD] == [lead]


def test_an_accredited_peer_leads_a_leaderless_team_unless_locked() -> None:
    review = make_review(peers=2)
    reviewers = [make_reviewer(1), make_reviewer(2, accredited_lead=True)]
    p = build_problem([review], reviewers)
    both_peers = Picks(np.array([0, 1]), np.array([False, False]))
    assert promote(p, both_peers, Picks.empty()).lead.tolist() == [False, True]
    assert promote(p, both_peers, both_peers.take(np.array([False, True]))).lead.tolist() == [
        False,
        False,
    ]
    locked = allocate([review], reviewers, locked=[Assignment(1, 2, PEER)])
    assert {(a.reviewer_id, a.role) for a in locked.assignments} == {(1, PEER), (2, PEER)}
    assert [(u.role, u.slots) for u in locked.unfilled] == [(LEAD, 1)]
