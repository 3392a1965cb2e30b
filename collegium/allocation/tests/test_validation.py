"""Any input is handled: a record that breaks a rule is refused before solving with one error
type, InvalidInput, whose message names the record and the rule (never a library traceback);
scarcity is not an error but empty slots with their reasons."""

from __future__ import annotations

import math
from typing import Any

import pytest

from collegium.allocation import (
    LEAD,
    PEER,
    Allocation,
    Assignment,
    InvalidInput,
    Rules,
    Weights,
    allocate,
    repair,
)

from .factories import make_review, make_reviewer, team_of_three

REVIEW, REVIEWERS = team_of_three()
THREE_WEEKS = [make_review(i, week=i) for i in (1, 2, 3)]


def refused(**changes: Any) -> InvalidInput:
    """The error for one review and three reviewers with `changes` applied."""
    options: dict[str, Any] = {
        "reviews": [REVIEW],
        "reviewers": REVIEWERS,
        "weights": Weights(),
        "rules": Rules(),
        "locked": (),
        "pair_scores": None,
    } | changes
    with pytest.raises(InvalidInput) as caught:
        allocate(**options)
    return caught.value


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reviews": [REVIEW, REVIEW]},
         "Review 1 (School 101): its id is used by another review too"),
        ({"reviewers": [*REVIEWERS, REVIEWERS[0]]},
         "Reviewer 1: its id is used by another reviewer too"),
        ({"reviews": [make_review(peers=-1)]},
         "Review 1 (School 101): a team of -1 peer reviewers besides its lead is impossible"),
        ({"reviews": [make_review(peers=0)], "rules": Rules(teams=False)},
         "Review 1 (School 101): a team of 0 reviewers is impossible: it must be 1 to 20"),
        ({"reviews": [make_review(peers=50)]}, "a team of 50 peer reviewers"),
        ({"reviews": [make_review(week=14)], "rules": Rules(weeks=13)},
         "Review 1 (School 101): week 14 is outside the term's weeks 1 to 13"),
        ({"reviews": [make_review(week=0)]}, "week 0 is outside the term's weeks 1 to 62"),
        ({"reviewers": [make_reviewer(7, weeks=frozenset({1, 70}))]},
         "Reviewer 7: available week 70 is outside the term's weeks 1 to 62"),
        ({"reviews": [make_review(east_km=math.nan)]},
         "Review 1 (School 101): its location (nan, 0.0) must be finite numbers of km"),
        ({"reviewers": [make_reviewer(7, north_km=math.inf)]},
         "Reviewer 7: its location (10.0, inf) must be finite numbers of km"),
        ({"weights": Weights(travel=math.nan)},
         "Weights: travel = nan must be a finite number from 0 to 1,000,000"),
        ({"weights": Weights(phase=-1.0)}, "Weights: phase = -1.0 must be a finite number"),
        ({"weights": Weights(travel_km=0.0)}, "Weights: travel_km = 0.0 must be"),
        ({"weights": Weights(unfilled=1.0, load=1.0), "reviews": THREE_WEEKS},
         "Weights: unfilled = 1.0 must be more than the load cost of a reviewer's last review"),
        ({"rules": Rules(max_km=math.inf)}, "Rules: max_km = inf must be a finite distance"),
        ({"reviewers": [make_reviewer(7, capacity=-2)]},
         "Reviewer 7: capacity -2 must be a whole number of reviews from 0"),
        ({"reviewers": [make_reviewer(7, capacity=2.5)]}, "capacity 2.5 must be a whole number"),
        ({"reviews": [make_review(school_id=-4)]},
         "its school id -4 must be a whole number from 0"),
        ({"reviewers": [make_reviewer(7, declared_conflicts=frozenset({-1}))]},
         "Reviewer 7: its declared conflicts must be school ids from 0, not -1"),
        ({"reviews": [make_review(phase="")]}, 'its phase must be a word such as "primary"'),
        ({"pair_scores": {(1, 2): -0.5}},
         "The pair score of review 1 and reviewer 2: the negative score -0.5 is refused"),
        ({"pair_scores": {(1, 2): math.nan}},
         "The pair score of review 1 and reviewer 2: nan must be a finite number of points"),
        ({"pair_scores": {(9, 2): 1.0}}, "The pair score of review 9 and reviewer 2: no review"),
        ({"pair_scores": {(1, 99): 1.0}}, "and reviewer 99: no reviewer has that id"),
        ({"pair_scores": {(1, 2): 2e6}}, "more than the most a pair can score"),
    ],
)  # fmt: skip
def test_each_rule_names_the_record_and_the_rule(changes: dict, message: str) -> None:
    assert message in str(refused(**changes))


@pytest.mark.parametrize(
    ("locked", "message"),
    [
        ([Assignment(1, 99, PEER)], "names a review or reviewer not in this run"),
        ([Assignment(1, 2, LEAD)], "it breaks a rule the optimiser keeps: not an accredited lead"),
        ([Assignment(1, 2, "observer")], "its role 'observer' must be \"lead\" or \"peer\""),
        ([Assignment(1, 2, PEER), Assignment(1, 2, PEER)], "locked on this review twice"),
        ([Assignment(1, 2, PEER), Assignment(1, 3, PEER), Assignment(1, 1, PEER)],
         "the review has room for 2 locked peer(s)"),
    ],
)  # fmt: skip
def test_locked_places_are_checked_alone_and_together(locked: list, message: str) -> None:
    error = refused(locked=locked)
    assert message in str(error)
    assert str(error).startswith("The locked place")


def test_locks_in_one_week_one_trust_or_beyond_capacity_are_refused() -> None:
    first, second = make_review(1), make_review(2, school_id=202)
    busy = make_reviewer(5, capacity=1)
    locks = [Assignment(1, 5, PEER), Assignment(2, 5, PEER)]
    error = refused(reviews=[first, second], reviewers=[busy], locked=locks)
    assert "locked on another review the same week" in str(error)
    later = make_review(2, school_id=202, week=2)
    error = refused(reviews=[first, later], reviewers=[busy], locked=locks)
    assert "The locked place of Reviewer 5 on the review of School 102" in str(error)
    assert "takes Reviewer 5 over their capacity" in str(error)
    mates = [make_reviewer(5, trust_id=3), make_reviewer(6, trust_id=3)]
    error = refused(reviewers=mates, locked=[Assignment(1, 5, PEER), Assignment(1, 6, PEER)])
    assert "another locked member of the team is from the same trust" in str(error)


def test_the_error_is_a_value_error_with_its_parts() -> None:
    error = refused(reviews=[make_review(week=99)])
    assert isinstance(error, ValueError)
    assert error.record == "Review 1 (School 101)"
    assert error.rule == "week 99 is outside the term's weeks 1 to 62"


def test_repair_checks_its_input_and_the_moves() -> None:
    previous = allocate([REVIEW], REVIEWERS)
    with pytest.raises(InvalidInput, match="The move of review 8: no review has that id"):
        repair(previous, [REVIEW], REVIEWERS, moved={8: 2})
    with pytest.raises(InvalidInput, match="week 80 is outside the term's weeks"):
        repair(previous, [REVIEW], REVIEWERS, moved={1: 80})
    with pytest.raises(InvalidInput, match="Reviewer 1: its id is used by another reviewer"):
        repair(previous, [REVIEW], [*REVIEWERS, REVIEWERS[0]])


@pytest.mark.parametrize(
    "case",
    ["no reviewers", "no reviews", "lead alone", "nobody free", "more places than people"],
)
def test_degenerate_input_is_allocated_with_reasons_not_refused(case: str) -> None:
    idle = [make_reviewer(i, capacity=0, weeks=frozenset()) for i in (1, 2)]
    reviews, reviewers = {
        "no reviewers": ([REVIEW], []),
        "no reviews": ([], REVIEWERS),
        "lead alone": ([make_review(peers=0)], REVIEWERS),
        "nobody free": ([REVIEW], idle),
        "more places than people": ([make_review(peers=20)], REVIEWERS),
    }[case]  # fmt: skip
    allocation: Allocation = allocate(reviews, reviewers)
    assert allocation.certificate.total_violations == 0
    needed = sum(r.peers + 1 for r in reviews)
    assert allocation.certificate.unfilled_slots == needed - len(allocation.assignments)
    assert all(u.reason.endswith(".") for u in allocation.unfilled)
    if case == "no reviewers":
        assert allocation.unfilled[0].reason.startswith("No reviewers are in this run")
