"""Why a slot stays empty, in words a coordinator can act on.

For an empty slot the reviewers are narrowed rule by rule (accredited, within the distance,
available that week, free of conflicts, not already busy that week or at capacity, trust not
already in the team, the school's phase); the first rule that leaves nobody is named, with what
would unblock it: reviewers who pass every other rule, a wider distance, or a better week.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from collegium.allocation.candidates import Problem
from collegium.allocation.flow import Picks, base_loads, dense_trust

SHOW = 3  # reviewers named in a suggestion


@dataclass
class _Reach:
    """Boolean masks over all reviewers for one review."""

    accredited: np.ndarray
    near: np.ndarray
    available: np.ndarray
    independent: np.ndarray
    spare: np.ndarray
    trust_free: np.ndarray
    phase: np.ndarray
    km: np.ndarray


class Context:
    """Reviewer arrays built once for all the empty slots of one allocation."""

    def __init__(self, p: Problem, picks: Picks) -> None:
        self.p, self.picks = p, picks
        reviewers = p.reviewers
        self.xy = np.array([(v.east_km, v.north_km) for v in reviewers]).reshape(-1, 2)
        self.school = np.array([v.school_id for v in reviewers], dtype=np.int64)
        self.weeks = np.array([sum(1 << w for w in v.weeks) for v in reviewers], dtype=np.int64)
        self.conflicted: dict[int, list[int]] = {}
        for i, v in enumerate(reviewers):
            for school in v.declared_conflicts | v.former_schools:
                self.conflicted.setdefault(school, []).append(i)
        self.phases = {
            phase: np.array([phase in v.phases for v in reviewers], bool)
            for phase in {r.phase for r in p.reviews}
        }
        self.pr, self.pv = p.pair_r[picks.pair], p.pair_v[picks.pair]
        self.full = base_loads(p, picks) >= p.v_capacity
        self.trust = dense_trust(p)


def _reach(ctx: Context, r: int) -> _Reach:
    p, review = ctx.p, ctx.p.reviews[r]
    km = np.hypot(ctx.xy[:, 0] - review.east_km, ctx.xy[:, 1] - review.north_km)
    near = km <= p.rules.max_km if p.rules.max_km is not None else np.ones(km.size, bool)
    available = ((ctx.weeks >> review.week) & 1 == 1) | (not p.rules.teams)
    independent = (ctx.school != review.school_id) & (p.v_trust != p.r_trust[r])
    independent &= ~np.isin(ctx.school, list(review.last_cycle_partners))
    independent[ctx.conflicted.get(review.school_id, [])] = False
    busy = np.zeros(len(p.reviewers), bool)
    if p.rules.teams:
        busy[ctx.pv[p.r_week[ctx.pr] == p.r_week[r]]] = True
    busy[ctx.pv[ctx.pr == r]] = True
    trust_free = ~np.isin(ctx.trust, ctx.trust[ctx.pv[ctx.pr == r]])
    return _Reach(p.v_lead, near, available, independent, ~busy & ~ctx.full, trust_free,
                  ctx.phases[review.phase], km)  # fmt: skip


def _names(p: Problem, mask: np.ndarray, km: np.ndarray) -> str:
    chosen = np.flatnonzero(mask)
    chosen = chosen[np.argsort(km[chosen], kind="stable")][:SHOW]
    return ", ".join(f"{p.reviewers[int(i)].name} ({km[i]:.0f} km)" for i in chosen)


def _best_week(p: Problem, mask: np.ndarray) -> str:
    weeks: dict[int, int] = {}
    for i in np.flatnonzero(mask):
        for w in p.reviewers[int(i)].weeks:
            weeks[w] = weeks.get(w, 0) + 1
    if not weeks:
        return ""
    week = max(sorted(weeks), key=lambda w: weeks[w])
    return f" or move the review to week {week}, when {weeks[week]} could go"


def explain(ctx: Context, r: int, lead: bool) -> str:
    """One sentence: which rule leaves this slot empty and what would fill it."""
    p, review, reach = ctx.p, ctx.p.reviews[r], _reach(ctx, r)
    who = "accredited lead" if lead else "peer reviewer"
    where = f"{review.school_name} ({review.phase}) in week {review.week}"
    limit = f"within {p.rules.max_km:.0f} km" if p.rules.max_km is not None else "anywhere"
    role = reach.accredited if lead else np.ones_like(reach.near)
    rest = reach.available & reach.independent & reach.spare & reach.trust_free
    if lead and not (role & reach.near & rest).any() and (reach.near & rest).any():
        return _accredit(p, reach, where, limit)
    if not (role & reach.near).any():
        far = role & rest
        to = f" to {math.ceil(reach.km[far].min())} km" if far.any() else ""
        return f"No {who} {limit} of {where}: widen the distance{to}."
    words = _Words(who, limit, where, review.phase, review.week)
    return _past_distance(p, reach, role & reach.near, words)


def _accredit(p: Problem, reach: _Reach, where: str, limit: str) -> str:
    could = reach.near & reach.available & reach.independent
    engaged = int((reach.accredited & could & ~(reach.spare & reach.trust_free)).sum())
    why = (f" (the {engaged} who could go are already reviewing that week, at capacity or share "
           "a trust with the team)") if engaged else ""  # fmt: skip
    free = reach.near & reach.available & reach.independent & reach.spare & reach.trust_free
    count = min(SHOW, int(free.sum()))
    whom = f"one of these {count} reviewers: " if count > 1 else ""
    return (f"No accredited lead is free for {where} {limit}{why}: accredit {whom}"
            f"{_names(p, free, reach.km)}, or widen the distance.")  # fmt: skip


@dataclass(frozen=True)
class _Words:
    who: str
    limit: str
    where: str
    phase: str
    week: int


def _past_distance(p: Problem, reach: _Reach, near: np.ndarray, words: _Words) -> str:
    """The rule that blocks the reviewers within the distance."""
    who, limit, where, week = words.who, words.limit, words.where, words.week
    later = _best_week(p, near & reach.independent)
    if not (near & reach.available).any():
        return (f"No {who} {limit} of {where} is available that week: ask reviewers to add "
                f"week {week}{later}.")  # fmt: skip
    if not (near & reach.available & reach.independent).any():
        return (
            f"Every {who} {limit} available for {where} has a conflict of interest with "
            "the school: widen the distance or recruit a reviewer from another trust."
        )
    if not (near & reach.available & reach.independent & reach.spare).any():
        return (f"Every {who} {limit} free of conflicts for {where} is already reviewing that "
                f"week or at capacity: raise a reviewer's capacity{later}.")  # fmt: skip
    rest = reach.available & reach.independent & reach.spare & reach.trust_free
    if not (near & rest).any():
        return (f"The only {who}s left {limit} for {where} share a trust with a team member "
                f"(one member per trust): widen the distance or swap that member.")  # fmt: skip
    if not (reach.phase & reach.near & rest).any():
        return (f"No reviewer who knows the {words.phase} phase is free {limit} of {where}: "
                f"widen the distance or add the phase to a reviewer's record.")  # fmt: skip
    return (f"The {who}s who could go to {where} are all needed to fill other teams that week: "
            f"raise a capacity or move the review{later}.")  # fmt: skip
