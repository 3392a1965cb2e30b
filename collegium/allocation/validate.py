"""Every input is checked before anything is solved. A record that breaks a rule raises one
error type, `InvalidInput`, whose message names the record and the rule in words a caller can
show as they are ("Review 7 (Hill School): week 70 is outside the term's weeks 1 to 13"), never
a library's traceback. What is refused: ids used twice, impossible team sizes, weeks outside
the term, numbers that are not finite (locations, weights, scores), negative weights and
scores, weights that would let an empty slot be cheaper than a reviewer's last review, pair
scores or locked places naming unknown records, and locked places that break a hard rule.

Scarcity is not an error: a review nobody can staff is allocated with its empty slots and the
reason for each (diagnose.py).
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from collegium.allocation.candidates import trust_key, usable_capacity
from collegium.allocation.check import pair_breaks
from collegium.allocation.model import (
    LEAD,
    MAX_PEERS,
    MAX_POINTS,
    MAX_WEEK,
    PEER,
    Assignment,
    PairScores,
    Review,
    Reviewer,
    Rules,
    Weights,
)

MAX_NAMES = 62  # phases, and subjects, are bits of a 64-bit word
MAX_ID = 2**40  # school and trust ids: keys built from them stay within 64 bits


class InvalidInput(ValueError):
    """Input the optimiser refuses: `record` names it, `rule` says what is wrong."""

    def __init__(self, record: str, rule: str) -> None:
        super().__init__(f"{record}: {rule}")
        self.record, self.rule = record, rule


def validate(
    reviews: Sequence[Review],
    reviewers: Sequence[Reviewer],
    weights: Weights,
    rules: Rules,
    locked: Sequence[Assignment] = (),
    pair_scores: PairScores | None = None,
) -> None:
    """Raise InvalidInput for the first record that breaks a rule; return if all is well."""
    _check_rules(rules)
    _check_weights(weights)
    last = rules.weeks or MAX_WEEK
    _check_unique(reviews, review_name, "review")
    _check_unique(reviewers, reviewer_name, "reviewer")
    for review in reviews:
        _check_review(review, rules, last)
    for reviewer in reviewers:
        _check_reviewer(reviewer, last)
    _check_names(reviews, reviewers)
    _check_fill_first(weights, reviews, reviewers, rules)
    by_review = {r.id: r for r in reviews}
    by_reviewer = {v.id: v for v in reviewers}
    if pair_scores:
        _check_pair_scores(pair_scores, by_review, by_reviewer)
    _check_locked(locked, by_review, by_reviewer, rules)


def review_name(review: Review) -> str:
    return (
        f"Review {review.id} ({review.school_name})"
        if review.school_name
        else (f"Review {review.id}")
    )


def reviewer_name(reviewer: Reviewer) -> str:
    plain = f"Reviewer {reviewer.id}"
    return plain if reviewer.name in ("", plain) else f"{plain} ({reviewer.name})"


def is_whole(value: Any, low: int = 0, high: int | None = None) -> bool:
    if type(value) is not int and (  # the common case first: checking an ABC is slow
        isinstance(value, bool) or not isinstance(value, numbers.Integral)
    ):
        return False
    whole = int(value)
    return low <= whole and (high is None or whole <= high)


def all_whole(values: Iterable[Any], low: int = 0, high: int | None = None) -> Any:
    """The first value that is not a whole number from `low` to `high`, or None."""
    values = list(values)
    if all(type(x) is int for x in values) and (
        not values or (low <= min(values) and (high is None or max(values) <= high))
    ):
        return None
    return next((x for x in _sorted(values) if not is_whole(x, low, high)), None)


def is_finite(value: Any) -> bool:
    if type(value) is float:
        return math.isfinite(value)
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)


def is_points(value: Any) -> bool:
    """A finite number from 0 to MAX_POINTS."""
    return is_finite(value) and 0 <= value <= MAX_POINTS


def _check_rules(rules: Rules) -> None:
    if rules.max_km is not None and not is_points(rules.max_km):
        raise InvalidInput(
            "Rules", f"max_km = {rules.max_km} must be a finite distance in km from 0, or None"
        )
    if rules.weeks is not None and not is_whole(rules.weeks, 1, MAX_WEEK):
        raise InvalidInput("Rules", f"weeks = {rules.weeks} must be a whole number from 1 to 62")
    if not isinstance(rules.teams, bool):
        raise InvalidInput("Rules", f"teams = {rules.teams!r} must be True or False")


def _check_weights(weights: Weights) -> None:
    for field in dataclasses.fields(weights):
        value = getattr(weights, field.name)
        positive = field.name in ("travel_km", "unfilled")
        if not is_points(value) or (positive and value == 0):
            low = "more than 0" if positive else "from 0"
            raise InvalidInput(
                "Weights", f"{field.name} = {value} must be a finite number {low} to 1,000,000"
            )


def _check_unique(records: Sequence[Any], name: Any, kind: str) -> None:
    counts = Counter(record.id for record in records)
    for record in records:
        if counts[record.id] > 1:
            raise InvalidInput(
                name(record), f"its id is used by another {kind} too: each {kind} needs its own id"
            )


def _check_review(review: Review, rules: Rules, last: int) -> None:
    name = review_name(review)
    _check_ids(name, review.id, review.school_id, review.trust_id)
    if not isinstance(review.phase, str) or not review.phase.strip():
        raise InvalidInput(name, 'its phase must be a word such as "primary"')
    _check_words(name, "subjects", review.subjects)
    if not is_whole(review.week, 1, last):
        raise InvalidInput(name, f"week {review.week} is outside the term's weeks 1 to {last}")
    low = 0 if rules.teams else 1
    if not is_whole(review.peers, low, MAX_PEERS):
        size = "peer reviewers besides its lead" if rules.teams else "reviewers"
        raise InvalidInput(
            name, f"a team of {review.peers} {size} is impossible: it must be {low} to {MAX_PEERS}"
        )
    _check_place(name, review.east_km, review.north_km)
    _check_schools(name, "schools it reviewed or was reviewed by", review.last_cycle_partners)


def _check_reviewer(reviewer: Reviewer, last: int) -> None:
    name = reviewer_name(reviewer)
    _check_ids(name, reviewer.id, reviewer.school_id, reviewer.trust_id)
    _check_words(name, "phases", reviewer.phases)
    _check_words(name, "subjects", reviewer.subjects)
    if not isinstance(reviewer.accredited_lead, bool):
        raise InvalidInput(name, "accredited_lead must be True or False")
    if not is_whole(reviewer.capacity):
        raise InvalidInput(
            name, f"capacity {reviewer.capacity} must be a whole number of reviews from 0"
        )
    week = all_whole(reviewer.weeks, 1, last)
    if week is not None:
        raise InvalidInput(name, f"available week {week} is outside the term's weeks 1 to {last}")
    _check_place(name, reviewer.east_km, reviewer.north_km)
    _check_schools(name, "schools reviewed before", reviewer.reviewed_schools)
    _check_schools(name, "declared conflicts", reviewer.declared_conflicts)
    _check_schools(name, "former schools", reviewer.former_schools)


def _sorted(values: Iterable[Any]) -> list[Any]:
    return sorted(values, key=repr)


def _check_ids(name: str, id_: Any, school_id: Any, trust_id: Any) -> None:
    if not is_whole(id_, low=-(2**62), high=2**62):
        raise InvalidInput(name, f"its id {id_!r} must be a whole number")
    if not is_whole(school_id, high=MAX_ID):
        raise InvalidInput(name, f"its school id {school_id!r} must be a whole number from 0")
    if trust_id is not None and not is_whole(trust_id, high=MAX_ID):
        raise InvalidInput(
            name, f"its trust id {trust_id!r} must be a whole number from 0, or None"
        )


def _check_words(name: str, what: str, words: Any) -> None:
    if isinstance(words, str) or not all(isinstance(w, str) and w for w in words):
        raise InvalidInput(name, f"its {what} must be a set of words")


def _check_schools(name: str, what: str, schools: Any) -> None:
    bad = all_whole(schools, high=MAX_ID)
    if bad is not None:
        raise InvalidInput(name, f"its {what} must be school ids from 0, not {bad!r}")


def _check_place(name: str, east: Any, north: Any) -> None:
    if not (is_finite(east) and is_finite(north)):
        raise InvalidInput(name, f"its location ({east}, {north}) must be finite numbers of km")


def _check_names(reviews: Sequence[Review], reviewers: Sequence[Reviewer]) -> None:
    phases = {r.phase for r in reviews} | {p for v in reviewers for p in v.phases}
    subjects = {s for r in reviews for s in r.subjects} | {s for v in reviewers for s in v.subjects}
    for what, names in (("phases", phases), ("subjects", subjects)):
        if len(names) > MAX_NAMES:
            raise InvalidInput(
                "The reviews and reviewers",
                f"they name {len(names)} different {what}: at most {MAX_NAMES} can be matched",
            )


def _check_fill_first(
    weights: Weights, reviews: Sequence[Review], reviewers: Sequence[Reviewer], rules: Rules
) -> None:
    """An empty slot must cost more than any reviewer's last review, or a free reviewer could
    be left out and the slot's reason would be false."""
    most = max((usable_capacity(v, len(reviews), rules) for v in reviewers), default=0)
    if most > 1 and weights.unfilled <= weights.load * (most - 1):
        raise InvalidInput(
            "Weights",
            f"unfilled = {weights.unfilled} must be more than the load cost of a reviewer's "
            f"last review (load {weights.load} × {most - 1}), so that filling comes first",
        )


def _check_pair_scores(
    scores: PairScores, by_review: dict[int, Review], by_reviewer: dict[int, Reviewer]
) -> None:
    """All at once (a national network may score millions of pairs); entry by entry only to
    name the first one that is wrong."""
    if _pair_scores_fine(scores, by_review, by_reviewer):
        return
    for key, score in scores.items():
        if not (isinstance(key, tuple) and len(key) == 2):
            raise InvalidInput(
                f"The pair score {key!r}", "its key must be a (review id, reviewer id) pair"
            )
        review_id, reviewer_id = key
        record = f"The pair score of review {review_id} and reviewer {reviewer_id}"
        if review_id not in by_review:
            raise InvalidInput(record, "no review has that id")
        if reviewer_id not in by_reviewer:
            raise InvalidInput(record, "no reviewer has that id")
        if not is_finite(score):
            raise InvalidInput(record, f"{score} must be a finite number of points")
        if score < 0:
            raise InvalidInput(
                record,
                f"the negative score {score} is refused: scores run from 0 points (a pair that "
                "must never meet is a declared conflict, not a negative score)",
            )
        if score > MAX_POINTS:
            raise InvalidInput(record, f"{score} is more than the most a pair can score, 1,000,000")


def _pair_scores_fine(
    scores: PairScores, by_review: dict[int, Review], by_reviewer: dict[int, Reviewer]
) -> bool:
    if not all(type(key) is tuple and len(key) == 2 for key in scores):
        return False
    if not (
        {r for r, _ in scores} <= by_review.keys() and {v for _, v in scores} <= by_reviewer.keys()
    ):
        return False
    if not all(type(x) in (int, float) for x in scores.values()):
        return False
    values = np.fromiter(scores.values(), dtype=float, count=len(scores))
    return bool((np.isfinite(values) & (values >= 0) & (values <= MAX_POINTS)).all())


def _check_locked(
    locked: Sequence[Assignment],
    by_review: dict[int, Review],
    by_reviewer: dict[int, Reviewer],
    rules: Rules,
) -> None:
    """Each locked place names known records, breaks no pair rule, and the locked places
    together break no team rule."""
    for a in locked:
        review, reviewer = by_review.get(a.review_id), by_reviewer.get(a.reviewer_id)
        if review is None or reviewer is None:
            raise InvalidInput(
                f"The locked place {a.key}", "it names a review or reviewer not in this run"
            )
        _check_lock(a, review, reviewer, rules)
    _check_locked_teams(locked, by_review, by_reviewer, rules)


def locked_name(review: Review, reviewer: Reviewer) -> str:
    return f"The locked place of {reviewer.name} on the review of {review.school_name}"


def _check_lock(a: Assignment, review: Review, reviewer: Reviewer, rules: Rules) -> None:
    record = locked_name(review, reviewer)
    if a.role not in ((LEAD, PEER) if rules.teams else (PEER,)):
        roles = '"lead" or "peer"' if rules.teams else '"peer" (the plain matching has no leads)'
        raise InvalidInput(record, f"its role {a.role!r} must be {roles}")
    broken = pair_breaks(review, reviewer, rules)
    if a.role == LEAD and not reviewer.accredited_lead:
        broken.append("not an accredited lead")
    if broken:
        raise InvalidInput(record, "it breaks a rule the optimiser keeps: " + ", ".join(broken))


def _check_locked_teams(
    locked: Sequence[Assignment],
    by_review: dict[int, Review],
    by_reviewer: dict[int, Reviewer],
    rules: Rules,
) -> None:
    seen: set[tuple[Any, ...]] = set()
    loads: Counter[int] = Counter()
    roles: Counter[tuple[int, str]] = Counter()
    for a in locked:
        review, reviewer = by_review[a.review_id], by_reviewer[a.reviewer_id]
        record = locked_name(review, reviewer)
        trust = trust_key(reviewer.trust_id, reviewer.school_id)
        keys = [("review", review.id, reviewer.id)]
        if rules.teams:
            keys += [("week", reviewer.id, review.week), ("trust", review.id, trust)]
        for key in keys:
            if key in seen:
                raise InvalidInput(record, _CLASH[key[0]])
            seen.add(key)
        loads[reviewer.id] += 1
        roles[(review.id, a.role)] += 1
        if loads[reviewer.id] > reviewer.capacity:
            raise InvalidInput(record, f"it takes {reviewer.name} over their capacity")
        room = 1 if a.role == LEAD else review.peers
        if roles[(review.id, a.role)] > room:
            raise InvalidInput(record, f"the review has room for {room} locked {a.role}(s)")


_CLASH = {
    "review": "the reviewer is locked on this review twice",
    "week": "the reviewer is locked on another review the same week",
    "trust": "another locked member of the team is from the same trust",
}
