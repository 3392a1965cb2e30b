"""Why a slot stays empty, in words a coordinator can act on.

For an empty slot the reviewers are narrowed rule by rule (accredited, within the distance,
available that week, free of conflicts, not already reviewing that week nor at capacity, trust
not already in the team, and, for a team's last slot while nobody on it knows the school's
phase, knowing the phase); the first rule that leaves nobody is named, with what would unblock
it: reviewers who pass every other rule, a wider distance, or another week in which someone
could go. Every claim is about the allocation as it stands, so it is true when read; the last
pass of a run (fill.py) fills any slot some free reviewer could take, so a slot is empty only
when a rule really blocks it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from collegium.allocation.candidates import Problem
from collegium.allocation.flow import WEEK_KEY, Picks, base_loads, dense_trust, slot_needs

SHOW = 3  # reviewers named in a suggestion


@dataclass
class _Reach:
    """Boolean masks over all reviewers for one review and one slot."""

    role: np.ndarray
    near: np.ndarray
    available: np.ndarray
    independent: np.ndarray
    not_busy: np.ndarray
    under_capacity: np.ndarray
    trust_free: np.ndarray
    phase_ok: np.ndarray
    km: np.ndarray

    @property
    def spare(self) -> np.ndarray:
        return np.asarray(self.not_busy & self.under_capacity)

    @property
    def free(self) -> np.ndarray:
        """Everyone who could take the slot but for the role."""
        rules = (self.near, self.available, self.independent, self.spare, self.trust_free)
        return np.asarray(np.logical_and.reduce((*rules, self.phase_ok)))


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
        self.busy_weeks = np.unique(self.pv * WEEK_KEY + p.r_week[self.pr])
        self._busy: dict[int, np.ndarray] = {}
        self.under_capacity = base_loads(p, picks) < p.v_capacity
        self.trust = dense_trust(p)
        self.lead_need, self.peer_need = slot_needs(p, picks)
        self.last_week = p.rules.weeks or max((w for v in reviewers for w in v.weeks), default=0)

    def busy_in(self, week: int) -> np.ndarray:
        if week not in self._busy:
            keys = np.arange(len(self.p.reviewers)) * WEEK_KEY + week
            self._busy[week] = np.isin(keys, self.busy_weeks)
        return self._busy[week]


def _reach(ctx: Context, r: int, lead: bool) -> _Reach:
    p, review = ctx.p, ctx.p.reviews[r]
    n = len(p.reviewers)
    km = np.hypot(ctx.xy[:, 0] - review.east_km, ctx.xy[:, 1] - review.north_km)
    near = km <= p.rules.max_km if p.rules.max_km is not None else np.ones(n, bool)
    independent = (ctx.school != review.school_id) & (p.v_trust != p.r_trust[r])
    independent &= ~np.isin(ctx.school, list(review.last_cycle_partners))
    independent[ctx.conflicted.get(review.school_id, [])] = False
    team = ctx.pv[ctx.pr == r]
    on_team = np.isin(np.arange(n), team)
    if not p.rules.teams:
        every = np.ones(n, bool)
        role = every
        return _Reach(role, near, every, independent, ~on_team, ctx.under_capacity, every,
                      every, km)  # fmt: skip
    available = (ctx.weeks >> review.week) & 1 == 1
    trust_free = ~np.isin(ctx.trust, ctx.trust[team])
    covered = bool(np.isin(team, np.flatnonzero(ctx.phases[review.phase])).any())
    last_slot = ctx.lead_need[r] + ctx.peer_need[r] == 1
    phase_ok = ctx.phases[review.phase] | covered | (not last_slot)
    role = p.v_lead if lead else np.ones(n, bool)
    return _Reach(role, near, available, independent, ~ctx.busy_in(review.week),
                  ctx.under_capacity, trust_free, phase_ok, km)  # fmt: skip


def _names(p: Problem, mask: np.ndarray, km: np.ndarray) -> str:
    chosen = np.flatnonzero(mask)
    chosen = chosen[np.argsort(km[chosen], kind="stable")][:SHOW]
    return ", ".join(f"{p.reviewers[int(i)].name} ({km[i]:.0f} km)" for i in chosen)


def other_week(ctx: Context, r: int, pool: np.ndarray, reach: _Reach) -> tuple[int, int]:
    """The week (never the review's own) in which most of `pool` could take the slot, and
    how many: available then, not reviewing then, under capacity; (0, 0) if none."""
    week, best = 0, 0
    if not ctx.p.rules.teams:
        return week, best
    pool = pool & reach.under_capacity & reach.trust_free
    for w in range(1, ctx.last_week + 1):
        if w == ctx.p.reviews[r].week:
            continue
        count = int((pool & ((ctx.weeks >> w) & 1 == 1) & ~ctx.busy_in(w)).sum())
        if count > best:
            week, best = w, count
    return week, best


def _move(ctx: Context, r: int, pool: np.ndarray, reach: _Reach) -> str:
    week, count = other_week(ctx, r, pool, reach)
    return f" or move the review to week {week}, when {count} could go" if count else ""


@dataclass(frozen=True)
class _Words:
    who: str
    limit: str
    where: str
    phase: str
    week: int


def explain(ctx: Context, r: int, lead: bool) -> str:
    """One sentence: which rule leaves this slot empty and what would fill it."""
    p, review = ctx.p, ctx.p.reviews[r]
    reach = _reach(ctx, r, lead)
    words = _Words(
        "accredited lead" if lead else ("peer reviewer" if p.rules.teams else "reviewer"),
        f"within {p.rules.max_km:.0f} km" if p.rules.max_km is not None else "anywhere",
        f"{review.school_name} ({review.phase}) in week {review.week}"
        if p.rules.teams else f"{review.school_name}",
        review.phase,
        review.week,
    )  # fmt: skip
    if not len(p.reviewers):
        return (f"No reviewers are in this run, so nobody can go to {words.where}: add "
                "reviewers with capacity, then run it again.")  # fmt: skip
    if lead and not (reach.role & reach.free).any() and reach.free.any():
        return _accredit(p, reach, words)
    if not reach.role.any():
        return (f"None of the run's reviewers is an accredited lead, so nobody can lead "
                f"{words.where}: accredit a reviewer who could go.")  # fmt: skip
    return _narrow(ctx, r, reach, words)


def _accredit(p: Problem, reach: _Reach, words: _Words) -> str:
    could = reach.near & reach.available & reach.independent
    engaged = int((reach.role & could & ~(reach.spare & reach.trust_free)).sum())
    why = (f" (the {engaged} who could go are already reviewing that week, at capacity or share "
           "a trust with the team)") if engaged else ""  # fmt: skip
    count = min(SHOW, int(reach.free.sum()))
    whom = f"one of these {count} reviewers: " if count > 1 else ""
    return (f"No accredited lead is free for {words.where} {words.limit}{why}: accredit {whom}"
            f"{_names(p, reach.free, reach.km)}, or widen the distance.")  # fmt: skip


def _narrow(ctx: Context, r: int, reach: _Reach, words: _Words) -> str:
    """The first rule that leaves nobody of the slot's role."""
    who, limit, where = words.who, words.limit, words.where
    pool = reach.role & reach.near
    if not pool.any():
        rest = reach.role & _but_near(reach)  # free but for the distance
        to = f" to {math.ceil(reach.km[rest].min())} km" if rest.any() else ""
        return f"No {who} {limit} of {where}: widen the distance{to}."
    if not (pool & reach.available).any():
        later = _move(ctx, r, pool & reach.independent, reach)
        return (f"No {who} {limit} of {where} is available that week: ask reviewers to add "
                f"week {words.week}{later}.")  # fmt: skip
    pool = pool & reach.available
    if not (pool & reach.independent).any():
        return (
            f"Every {who} {limit} available for {where} has a conflict of interest with "
            "the school: widen the distance or recruit a reviewer from another trust."
        )
    pool = pool & reach.independent
    if not (pool & reach.spare).any():
        return _engaged(ctx, r, pool, reach, words)
    pool = pool & reach.spare
    if not (pool & reach.trust_free).any():
        return (f"The only {who}s left {limit} for {where} share a trust with a team member "
                f"(one member per trust): widen the distance or swap that member.")  # fmt: skip
    if not (pool & reach.trust_free & reach.phase_ok).any():
        return (
            f"No reviewer who knows the {words.phase} phase is free {limit} of {where}, "
            "and the team's last place needs one: widen the distance or add the phase to "
            "a reviewer's record."
        )
    return (f"The {who}s who could go to {where} are all needed to fill other teams that week: "
            f"raise a capacity or move the review.")  # fmt: skip


def _but_near(reach: _Reach) -> np.ndarray:
    rules = (reach.available, reach.independent, reach.spare, reach.trust_free, reach.phase_ok)
    return np.asarray(np.logical_and.reduce(rules))


def _engaged(ctx: Context, r: int, pool: np.ndarray, reach: _Reach, words: _Words) -> str:
    """Everyone left is reviewing that week or at capacity: say what would free one."""
    full = pool & reach.not_busy & ~reach.under_capacity
    actions = [f"raise the capacity of {_names(ctx.p, full, reach.km)}"] if full.any() else []
    week, count = other_week(ctx, r, pool, reach)
    if count:
        actions.append(f"move the review to week {week}, when {count} could go")
    if not actions:
        actions = ["recruit another reviewer"]
    return (
        f"Every {words.who} {words.limit} free of conflicts for {words.where} is already "
        f"reviewing that week or at capacity: {' or '.join(actions)}."
    )
