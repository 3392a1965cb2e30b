"""An independent check of every hard rule, straight from the input records (not the arrays the
solver used), so the certificate's violation counts do not trust the solver."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

from collegium.allocation.candidates import trust_key
from collegium.allocation.model import LEAD, Assignment, Review, Reviewer, Rules

PAIR_RULES = (
    "own school",
    "same trust",
    "reviewed each other last cycle",
    "declared conflict",
    "former employment",
    "beyond the distance limit",
    "not available that week",
)
TEAM_RULES = (
    "over capacity",
    "more than one review in a week",
    "lead not accredited",
    "more than one lead",
    "more than one member from a trust",
    "phase not covered",
    "team too large",
)


def pair_breaks(review: Review, reviewer: Reviewer, rules: Rules) -> list[str]:
    """The pair rules this reviewer would break on this review, in words."""
    broken = []
    if reviewer.school_id == review.school_id:
        broken.append("own school")
    if trust_key(reviewer.trust_id, reviewer.school_id) == trust_key(
        review.trust_id, review.school_id
    ):
        broken.append("same trust")
    if reviewer.school_id in review.last_cycle_partners:
        broken.append("reviewed each other last cycle")
    if review.school_id in reviewer.declared_conflicts:
        broken.append("declared conflict")
    if review.school_id in reviewer.former_schools:
        broken.append("former employment")
    km = math.hypot(review.east_km - reviewer.east_km, review.north_km - reviewer.north_km)
    if rules.max_km is not None and km > rules.max_km:
        broken.append("beyond the distance limit")
    if rules.teams and review.week not in reviewer.weeks:
        broken.append("not available that week")
    return broken


def count_violations(
    reviews: Sequence[Review],
    reviewers: Sequence[Reviewer],
    assignments: Iterable[Assignment],
    rules: Rules,
) -> dict[str, int]:
    by_review = {r.id: r for r in reviews}
    by_reviewer = {v.id: v for v in reviewers}
    counts = Counter({rule: 0 for rule in PAIR_RULES + TEAM_RULES})
    teams: dict[int, list[Assignment]] = {}
    for a in assignments:
        counts.update(pair_breaks(by_review[a.review_id], by_reviewer[a.reviewer_id], rules))
        teams.setdefault(a.review_id, []).append(a)
    loads = Counter(a.reviewer_id for team in teams.values() for a in team)
    counts["over capacity"] = sum(max(0, n - by_reviewer[v].capacity) for v, n in loads.items())
    for review_id, team in teams.items():
        _check_team(by_review[review_id], [(a, by_reviewer[a.reviewer_id]) for a in team],
                    rules, counts)  # fmt: skip
    if rules.teams:
        weeks = Counter(
            (a.reviewer_id, by_review[a.review_id].week) for t in teams.values() for a in t
        )
        counts["more than one review in a week"] = sum(n - 1 for n in weeks.values() if n > 1)
    return dict(counts)


def _check_team(
    review: Review, team: list[tuple[Assignment, Reviewer]], rules: Rules, counts: Counter[str]
) -> None:
    leads = [v for a, v in team if a.role == LEAD]
    peers = len(team) - len(leads)
    counts["team too large"] += max(0, peers - review.peers)
    if not rules.teams:  # with teams, a member twice in one team is two reviews in a week
        counts["more than one review in a week"] += len(team) - len({v.id for _, v in team})
        return
    counts["lead not accredited"] += sum(not v.accredited_lead for v in leads)
    counts["more than one lead"] += max(0, len(leads) - 1)
    trusts = Counter(trust_key(v.trust_id, v.school_id) for _, v in team)
    counts["more than one member from a trust"] += sum(n - 1 for n in trusts.values())
    complete = len(leads) == 1 and peers == review.peers
    if complete and not any(review.phase in v.phases for _, v in team):
        counts["phase not covered"] += 1
