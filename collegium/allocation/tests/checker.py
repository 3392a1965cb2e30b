"""An independent check of a run, written from the decision record (ADR 0006) and the input
records only: every hard rule, every figure of the certificate, the empty slots and whether
each reason's claim is true. It shares no code with the package but the dataclasses."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from collegium.allocation import (
    LEAD,
    PEER,
    Allocation,
    PairScores,
    Review,
    Reviewer,
    Rules,
    Weights,
)


def trust(record: Review | Reviewer) -> int:
    return record.trust_id if record.trust_id is not None else -1 - record.school_id


def km(review: Review, reviewer: Reviewer) -> float:
    return math.hypot(review.east_km - reviewer.east_km, review.north_km - reviewer.north_km)


def near(review: Review, reviewer: Reviewer, rules: Rules) -> bool:
    return rules.max_km is None or km(review, reviewer) <= rules.max_km


def conflicted(review: Review, reviewer: Reviewer) -> bool:
    return (
        reviewer.school_id == review.school_id
        or trust(reviewer) == trust(review)
        or reviewer.school_id in review.last_cycle_partners
        or review.school_id in reviewer.declared_conflicts
        or review.school_id in reviewer.former_schools
    )


def available(review: Review, reviewer: Reviewer, rules: Rules) -> bool:
    return not rules.teams or review.week in reviewer.weeks


def candidate(review: Review, reviewer: Reviewer, rules: Rules) -> bool:
    return (
        near(review, reviewer, rules)
        and available(review, reviewer, rules)
        and not conflicted(review, reviewer)
    )


def score(
    review: Review,
    reviewer: Reviewer,
    w: Weights,
    receiving: set[int],
    given: PairScores | None = None,
) -> float:
    if given and (review.id, reviewer.id) in given:
        return round(given[(review.id, reviewer.id)] * 1000) / 1000
    total = (
        w.phase * (review.phase in reviewer.phases)
        + w.subject * len(review.subjects & reviewer.subjects) / max(len(review.subjects), 1)
        + w.travel * max(0.0, 1 - km(review, reviewer) / w.travel_km)
        + w.new_pairing * (review.school_id not in reviewer.reviewed_schools)
        + w.reciprocity * (reviewer.school_id in receiving)
    )
    return round(total * 1000) / 1000


@dataclass
class Run:
    reviews: Sequence[Review]
    reviewers: Sequence[Reviewer]
    weights: Weights
    rules: Rules
    pair_scores: PairScores | None = None

    def needs(self, review: Review) -> dict[str, int]:
        return {LEAD: 1 if self.rules.teams else 0, PEER: review.peers}

    def pair_score(self, review: Review, reviewer: Reviewer) -> float:
        receiving = {r.school_id for r in self.reviews}
        return score(review, reviewer, self.weights, receiving, self.pair_scores)


def problems(run: Run, allocation: Allocation) -> list[str]:
    """Every broken rule, wrong figure or false reason, in words (empty if all is well)."""
    found = _rule_problems(run, allocation)
    found += _certificate_problems(run, allocation)
    found += _unfilled_problems(run, allocation)
    for u in allocation.unfilled:
        found += [
            f"review {u.review_id} {u.role}: {p}" for p in reason_problems(run, allocation, u)
        ]
    return found


def _rule_problems(run: Run, allocation: Allocation) -> list[str]:
    by_review = {r.id: r for r in run.reviews}
    by_reviewer = {v.id: v for v in run.reviewers}
    found: list[str] = []
    keys = Counter((a.review_id, a.reviewer_id) for a in allocation.assignments)
    found += [f"{k} placed twice" for k, n in keys.items() if n > 1]
    for a in allocation.assignments:
        review, reviewer = by_review[a.review_id], by_reviewer[a.reviewer_id]
        if not candidate(review, reviewer, run.rules):
            found.append(f"{a.key} breaks a pair rule")
        if a.role not in ((LEAD, PEER) if run.rules.teams else (PEER,)):
            found.append(f"{a.key} has role {a.role}")
        if a.role == LEAD and not reviewer.accredited_lead:
            found.append(f"{a.key} leads without accreditation")
    loads = Counter(a.reviewer_id for a in allocation.assignments)
    found += [f"reviewer {v} over capacity" for v, n in loads.items()
              if n > by_reviewer[v].capacity]  # fmt: skip
    if run.rules.teams:
        weeks = Counter(
            (a.reviewer_id, by_review[a.review_id].week) for a in allocation.assignments
        )
        found += [f"reviewer {v} twice in week {w}" for (v, w), n in weeks.items() if n > 1]
    for review_id, team in allocation.teams.items():
        members = [by_reviewer[a.reviewer_id] for a in team]
        found += _team_problems(run, by_review[review_id], members, [a.role for a in team])
    return found


def _team_problems(
    run: Run, review: Review, members: list[Reviewer], roles: list[str]
) -> list[str]:
    found = []
    counts = Counter(roles)
    need = run.needs(review)
    if counts[LEAD] > need[LEAD] or counts[PEER] > need[PEER]:
        found.append(f"review {review.id}'s team is too large: {dict(counts)}")
    if run.rules.teams:
        if len({trust(v) for v in members}) < len(members):
            found.append(f"review {review.id} has two members of one trust")
        complete = counts[LEAD] == 1 and counts[PEER] == review.peers
        if complete and not any(review.phase in v.phases for v in members):
            found.append(f"review {review.id}'s complete team lacks the {review.phase} phase")
    return found


def _unfilled_problems(run: Run, allocation: Allocation) -> list[str]:
    teams = allocation.teams
    expected: Counter[tuple[int, str]] = Counter()
    for review in run.reviews:
        placed = Counter(a.role for a in teams.get(review.id, []))
        for role, need in run.needs(review).items():
            if need - placed[role] > 0:
                expected[(review.id, role)] = need - placed[role]
    listed: Counter[tuple[int, str]] = Counter()
    for u in allocation.unfilled:
        listed[(u.review_id, u.role)] += u.slots
    if listed != expected:
        return [f"empty slots listed {dict(listed)}, expected {dict(expected)}"]
    return []


def _certificate_problems(run: Run, allocation: Allocation) -> list[str]:
    c, w, found = allocation.certificate, run.weights, []
    by_review = {r.id: r for r in run.reviews}
    by_reviewer = {v.id: v for v in run.reviewers}
    pair = {a.key: run.pair_score(by_review[a.review_id], by_reviewer[a.reviewer_id])
            for a in allocation.assignments}  # fmt: skip
    loads = Counter(a.reviewer_id for a in allocation.assignments)
    load_cost = sum(round(w.load * 1000 * n * (n - 1) / 2) for n in loads.values()) / 1000
    empty = sum(n for r in run.reviews for n in run.needs(r).values()) - len(pair)
    expected = sum(pair.values()) - load_cost - w.unfilled * empty
    if not math.isclose(c.score, expected, abs_tol=1e-6):
        found.append(f"score {c.score} but recounted {expected}")
    if c.unfilled_slots != empty:
        found.append(f"unfilled_slots {c.unfilled_slots} but {empty} are empty")
    if c.total_violations:
        found.append(f"the certificate counts violations {c.hard_violations}")
    if c.lp_bound < c.score - 1e-6:
        found.append(f"bound {c.lp_bound} below the score {c.score}")
    if not math.isclose(c.gap, (c.lp_bound - c.score) / max(abs(c.lp_bound), 0.001), abs_tol=1e-9):
        found.append(f"gap {c.gap} does not follow from the score and bound")
    per_review = {r.id: 0.0 for r in run.reviews}
    for (review_id, _, _), value in pair.items():
        per_review[review_id] += value
    worst = min(per_review.values(), default=0.0)
    if not math.isclose(c.worst_review_score, worst, abs_tol=1e-6):
        found.append(f"worst review {c.worst_review_score}, recounted {worst}")
    if c.worst_review_bound < worst - 1e-6:
        found.append(f"worst-off bound {c.worst_review_bound} below the worst review {worst}")
    pairs = sum(candidate(r, v, run.rules) for r in run.reviews for v in run.reviewers)
    if c.candidate_pairs != pairs:
        found.append(f"{c.candidate_pairs} candidate pairs, recounted {pairs}")
    return found


# Reasons ------------------------------------------------------------------------------------


class _Slot:
    """What every reviewer could or could not do for one empty slot, from the records."""

    def __init__(self, run: Run, allocation: Allocation, review: Review, role: str) -> None:
        self.run, self.review, self.lead = run, review, role == LEAD
        by_review = {r.id: r for r in run.reviews}
        by_reviewer = {v.id: v for v in run.reviewers}
        self.team = [by_reviewer[a.reviewer_id] for a in allocation.teams.get(review.id, [])]
        self.loads = Counter(a.reviewer_id for a in allocation.assignments)
        self.busy = {(a.reviewer_id, by_review[a.review_id].week) for a in allocation.assignments}
        placed = Counter(a.role for a in allocation.teams.get(review.id, []))
        empty = sum(n - placed[k] for k, n in run.needs(review).items())
        lacks = not any(review.phase in v.phases for v in self.team)
        self.needs_phase = run.rules.teams and empty == 1 and lacks

    def role(self, v: Reviewer) -> bool:
        return v.accredited_lead or not self.lead

    def not_busy(self, v: Reviewer, week: int | None = None) -> bool:
        if not self.run.rules.teams:
            return v.id not in {m.id for m in self.team}
        return (v.id, week or self.review.week) not in self.busy

    def under_capacity(self, v: Reviewer) -> bool:
        return self.loads[v.id] < v.capacity

    def trust_free(self, v: Reviewer) -> bool:
        return not self.run.rules.teams or trust(v) not in {trust(m) for m in self.team}

    def phase_ok(self, v: Reviewer) -> bool:
        return not self.needs_phase or self.review.phase in v.phases

    def free_but_near(self, v: Reviewer) -> bool:
        r = self.review
        return (available(r, v, self.run.rules) and not conflicted(r, v) and self.not_busy(v)
                and self.under_capacity(v) and self.trust_free(v) and self.phase_ok(v))  # fmt: skip

    def free(self, v: Reviewer) -> bool:
        return near(self.review, v, self.run.rules) and self.free_but_near(v)

    def who(self, test) -> list[Reviewer]:  # type: ignore[no-untyped-def]
        return [v for v in self.run.reviewers if test(v)]

    def could_go_in(self, week: int, pool: list[Reviewer]) -> int:
        return sum(week in v.weeks and self.not_busy(v, week) and self.under_capacity(v)
                   and self.trust_free(v) for v in pool)  # fmt: skip


def _named(reason: str, slot: _Slot) -> list[Reviewer]:
    names = {v.name: v for v in slot.run.reviewers}
    return [names[n] for n in re.findall(r"(Reviewer \d+) \(\d+ km\)", reason)]


def reason_problems(run: Run, allocation: Allocation, unfilled) -> list[str]:  # type: ignore[no-untyped-def]
    """Whether the claim of one empty slot's reason is true of the allocation."""
    review = next(r for r in run.reviews if r.id == unfilled.review_id)
    slot, reason = _Slot(run, allocation, review, unfilled.role), unfilled.reason
    if re.search(rf"\bweek {review.week}\b", reason.split(":", 1)[-1].replace(
            f"add week {review.week}", "")):  # fmt: skip
        return [f"suggests the week the review is already in: {reason}"]
    for pattern, test in _CLAIMS:
        match = re.search(pattern, reason)
        if match:
            return [f"false claim: {reason}"] if not test(slot, match, reason) else []
    return [f"no known reason: {reason}"]


def _no_reviewers(slot: _Slot, match, reason) -> bool:  # type: ignore[no-untyped-def]
    return not slot.run.reviewers


def _no_lead_at_all(slot: _Slot, match, reason) -> bool:  # type: ignore[no-untyped-def]
    return slot.lead and not slot.who(lambda v: v.accredited_lead)


def _accredit(slot: _Slot, match, reason) -> bool:  # type: ignore[no-untyped-def]
    named = _named(reason, slot)
    return (slot.lead and not slot.who(lambda v: v.accredited_lead and slot.free(v))
            and bool(named) and all(slot.free(v) for v in named))  # fmt: skip


def _distance(slot: _Slot, match, reason) -> bool:  # type: ignore[no-untyped-def]
    rules, review = slot.run.rules, slot.review
    if slot.who(lambda v: slot.role(v) and near(review, v, rules)):
        return False
    further = [math.ceil(km(review, v)) for v in slot.who(
        lambda v: slot.role(v) and slot.free_but_near(v))]  # fmt: skip
    said = int(match[1]) if match[1] else None
    return said == (min(further) if further else None)


def _pool(slot: _Slot, *tests) -> list[Reviewer]:  # type: ignore[no-untyped-def]
    review, rules = slot.review, slot.run.rules
    steps = {
        "near": lambda v: near(review, v, rules),
        "available": lambda v: available(review, v, rules),
        "independent": lambda v: not conflicted(review, v),
        "spare": lambda v: slot.not_busy(v) and slot.under_capacity(v),
        "trust": slot.trust_free,
    }
    return slot.who(lambda v: slot.role(v) and all(steps[t](v) for t in tests))


def _moved_to(slot: _Slot, reason: str, pool: list[Reviewer]) -> bool:
    move = re.search(r"move the review to week (\d+), when (\d+) could go", reason)
    if not move:
        return True
    week, count = int(move[1]), int(move[2])
    return week != slot.review.week and count == slot.could_go_in(week, pool) > 0


def _unavailable(slot: _Slot, match, reason) -> bool:  # type: ignore[no-untyped-def]
    pool = _pool(slot, "near")
    nobody = not [v for v in pool if available(slot.review, v, slot.run.rules)]
    independent = [v for v in pool if not conflicted(slot.review, v)]
    return bool(pool) and nobody and _moved_to(slot, reason, independent)


def _conflicts(slot: _Slot, match, reason) -> bool:  # type: ignore[no-untyped-def]
    pool = _pool(slot, "near", "available")
    return bool(pool) and all(conflicted(slot.review, v) for v in pool)


def _engaged(slot: _Slot, match, reason) -> bool:  # type: ignore[no-untyped-def]
    pool = _pool(slot, "near", "available", "independent")
    engaged = all(not (slot.not_busy(v) and slot.under_capacity(v)) for v in pool)
    raise_ = re.search(r"raise the capacity of ([^:]*?)(?: or move|\.$)", reason)
    named = _named(raise_[1], slot) if raise_ else []
    at_capacity = all(v in pool and slot.not_busy(v) and not slot.under_capacity(v) for v in named)
    return bool(pool) and engaged and at_capacity and _moved_to(slot, reason, pool)


def _trusts(slot: _Slot, match, reason) -> bool:  # type: ignore[no-untyped-def]
    pool = _pool(slot, "near", "available", "independent", "spare")
    return bool(pool) and not any(slot.trust_free(v) for v in pool)


def _phase(slot: _Slot, match, reason) -> bool:  # type: ignore[no-untyped-def]
    pool = _pool(slot, "near", "available", "independent", "spare", "trust")
    return slot.needs_phase and bool(pool) and not any(slot.phase_ok(v) for v in pool)


_CLAIMS = [
    (r"^No reviewers are in this run", _no_reviewers),
    (r"^None of the run's reviewers is an accredited lead", _no_lead_at_all),
    (r"^No accredited lead is free for", _accredit),
    (
        r"^No (?:accredited lead|peer reviewer|reviewer) within \d+ km of .*: widen the distance"
        r"(?: to (\d+) km)?\.$",
        _distance,
    ),  # fmt: skip
    (r"is available that week: ask reviewers to add week \d+", _unavailable),
    (r"has a conflict of interest with the school", _conflicts),
    (r"is already reviewing that week or at capacity: ", _engaged),
    (r"share a trust with a team member", _trusts),
    (r"^No reviewer who knows the .* phase is free", _phase),
]
