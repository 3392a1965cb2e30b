"""Plain data in and out of the optimiser: no Django, easy to build from database rows.

Locations are easting/northing in kilometres (the school register's Easting/Northing / 1000),
so distances are straight lines on the national grid.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

LEAD = "lead"
PEER = "peer"
MAX_WEEK = 62  # weeks are bits of a 64-bit word (validate.py refuses later weeks)
MAX_PEERS = 20  # product.md asks for 2–4; more than 20 is a mistake in the data
MAX_POINTS = 1_000_000  # largest weight or pair score: keeps the flow's costs in range

Progress = Callable[[float, str], None]
PairScores = Mapping[tuple[int, int], float]  # (review id, reviewer id) → score in points


@dataclass(frozen=True)
class Review:
    """One school's review this term: it needs one accredited lead and `peers` peer reviewers."""

    id: int
    school_id: int
    school_name: str
    trust_id: int | None  # None for a school outside any trust
    phase: str  # "primary", "secondary", "special", "alternative provision"…
    subjects: frozenset[str]  # the school's focus subjects
    week: int  # week of the term, 1-based
    peers: int  # 2–4 peers besides the lead
    east_km: float
    north_km: float
    last_cycle_partners: frozenset[int] = frozenset()  # schools it reviewed or was reviewed by


@dataclass(frozen=True)
class Reviewer:
    id: int
    name: str
    school_id: int  # home school
    trust_id: int | None
    phases: frozenset[str]
    subjects: frozenset[str]
    accredited_lead: bool
    capacity: int  # reviews this term
    weeks: frozenset[int]  # weeks available
    east_km: float
    north_km: float
    reviewed_schools: frozenset[int] = frozenset()  # history: schools reviewed before
    declared_conflicts: frozenset[int] = frozenset()  # schools
    former_schools: frozenset[int] = frozenset()  # former employment


@dataclass(frozen=True)
class Weights:
    """Soft goals. A member's pair score is the weighted sum of terms in [0, 1]:

    phase        the member has worked in the school's phase
    subject      share of the school's focus subjects the member knows
    travel       1 − distance / travel_km (0 at or beyond travel_km)
    new_pairing  the member has not reviewed this school before
    reciprocity  the member's own school receives a review this term (it gives days back)

    `load` is the cost of each review beyond a reviewer's first, rising: the k-th review costs
    load × (k − 1), so work spreads out and ties go to the less loaded reviewer. `unfilled` is
    the price of an empty slot, high enough that filling always comes first. The score of an
    allocation is its members' pair scores − load costs − unfilled × empty slots.
    """

    phase: float = 3.0
    subject: float = 2.0
    travel: float = 2.0
    new_pairing: float = 1.0
    reciprocity: float = 1.0
    load: float = 0.5
    unfilled: float = 100.0
    travel_km: float = 120.0


@dataclass(frozen=True)
class Rules:
    """Which hard rules apply. `teams=False` is the plain matching (loads and conflicts only).
    `weeks` is the number of weeks in the term: a review or available week after it is refused
    (None: any week up to MAX_WEEK)."""

    max_km: float | None = 120.0
    teams: bool = True
    weeks: int | None = None


@dataclass(frozen=True)
class Assignment:
    review_id: int
    reviewer_id: int
    role: str  # LEAD or PEER
    score: float = 0.0
    reasons: tuple[str, ...] = ()  # why this member was chosen, in words

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.review_id, self.reviewer_id, self.role)


@dataclass(frozen=True)
class Unfilled:
    review_id: int
    role: str
    slots: int
    reason: str  # what blocks it and what a coordinator can do


@dataclass(frozen=True)
class Certificate:
    """Quality of one run. `lp_bound` is an upper bound on the score of any allocation that
    meets the hard rules; a review's score is the sum of its members' pair scores."""

    score: float
    lp_bound: float
    gap: float  # (lp_bound − score) / lp_bound
    hard_violations: dict[str, int]
    unfilled_slots: int
    worst_review_score: float
    worst_review_bound: float
    load_spread: float  # standard deviation of reviews per reviewer with any candidate
    candidate_pairs: int
    seconds: float

    @property
    def total_violations(self) -> int:
        return sum(self.hard_violations.values())


@dataclass(frozen=True)
class Allocation:
    assignments: tuple[Assignment, ...]
    unfilled: tuple[Unfilled, ...]
    certificate: Certificate
    changed: int = 0  # assignments not in the previous allocation (repair only)

    @property
    def teams(self) -> dict[int, list[Assignment]]:
        teams: dict[int, list[Assignment]] = {}
        for a in self.assignments:
            teams.setdefault(a.review_id, []).append(a)
        return teams
