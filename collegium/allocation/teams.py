"""Exact re-solve of a few teams as a small MILP (HiGHS through SciPy), everyone else fixed.

Used for what the flow cannot express (a lead and a peer from one trust, a team without the
school's phase), to lift reviews below the worst-off floor, and by repair. Each free review gets
its best lead and peer candidates that are still free that week and under capacity.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from collegium.allocation.candidates import SCALE, Ints, Problem
from collegium.allocation.flow import WEEK_KEY, Picks, base_loads, dense_trust

FLOOR_PENALTY = 3.0  # per score point a review falls short of the floor


@dataclass
class Subproblem:
    """Which teams to re-solve and what to respect or prefer while doing it."""

    free: Ints  # review indices whose teams are re-solved
    forced: Picks = field(default_factory=Picks.empty)  # locked members of free reviews
    prefer: Picks = field(default_factory=Picks.empty)  # current members, kept if no worse
    keep_bonus: float = 0.0  # score points for keeping a preferred member
    floor: float | None = None  # lowest team score wanted (soft), in score points
    per_review: int = 25  # lead candidates per review (twice as many peer candidates)
    unfilled: float | None = None  # price of an empty slot in points (None: Weights.unfilled)
    lead_bonus: float = 0.0  # score points for filling the lead slot (repair: leads first)


class _Rows:
    def __init__(self) -> None:
        self.rows: list[Ints] = []
        self.cols: list[Ints] = []
        self.vals: list[np.ndarray] = []
        self.lb: list[np.ndarray] = []
        self.ub: list[np.ndarray] = []
        self.count = 0

    def add(
        self, row: Ints, col: Ints, val: np.ndarray | float, lb: np.ndarray, ub: np.ndarray
    ) -> None:
        self.rows.append(self.count + row)
        self.cols.append(col)
        self.vals.append(np.broadcast_to(np.asarray(val, float), col.shape))
        self.lb.append(np.asarray(lb, float))
        self.ub.append(np.asarray(ub, float))
        self.count += len(lb)

    def constraint(self, columns: int) -> LinearConstraint:
        matrix = coo_array(
            (np.concatenate(self.vals), (np.concatenate(self.rows), np.concatenate(self.cols))),
            shape=(self.count, columns),
        ).tocsr()
        return LinearConstraint(matrix, np.concatenate(self.lb), np.concatenate(self.ub))


def _candidates(p: Problem, keep: Picks, sub: Subproblem) -> tuple[Ints, np.ndarray]:
    """Variables (pair, is lead) for the free reviews: best still-possible pairs + forced."""
    free = np.zeros(len(p.reviews), bool)
    free[sub.free] = True
    kv, kr = p.pair_v[keep.pair], p.pair_r[keep.pair]
    busy = np.isin(p.pair_v * WEEK_KEY + p.r_week[p.pair_r], kv * WEEK_KEY + p.r_week[kr])
    full = base_loads(p, keep) >= p.v_capacity
    idx = np.flatnonzero(free[p.pair_r] & ~busy & ~full[p.pair_v])
    pair = np.concatenate([idx[p.v_lead[p.pair_v[idx]]], idx])
    lead = np.concatenate([np.ones(pair.size - idx.size, bool), np.zeros(idx.size, bool)])
    order = np.lexsort((-p.pair_score[pair], lead, p.pair_r[pair]))
    group = p.pair_r[pair[order]] * 2 + lead[order]
    rank = np.arange(order.size) - np.searchsorted(group, group)
    top = order[rank < np.where(lead[order], sub.per_review, 2 * sub.per_review)]
    wanted = np.concatenate(
        [sub.forced.pair * 2 + sub.forced.lead, sub.prefer.pair * 2 + sub.prefer.lead]
    )
    extra = np.isin(pair * 2 + lead, wanted)
    chosen = np.union1d(top, np.flatnonzero(extra))
    return pair[chosen], lead[chosen]


def resolve_teams(p: Problem, keep: Picks, sub: Subproblem, seconds: float = 20.0) -> Picks:
    """The best teams for `sub.free` beside the fixed members `keep` (hard rules exact). If
    HiGHS finds nothing in time, the preferred members are kept minus any who break a rule."""
    pair, lead = _candidates(p, keep, sub)
    c, rows, lower, upper, integral = _model(p, keep, sub, pair, lead)
    result = milp(
        c, constraints=rows.constraint(c.size), integrality=integral,
        bounds=Bounds(lower, upper), options={"time_limit": seconds, "mip_rel_gap": 1e-6},
    )  # fmt: skip
    if result.x is None:
        return valid_part(p, sub.prefer)
    chosen = result.x[: pair.size] > 0.5
    return Picks(pair[chosen], lead[chosen])


def _model(
    p: Problem, keep: Picks, sub: Subproblem, pair: Ints, lead: np.ndarray
) -> tuple[np.ndarray, _Rows, np.ndarray, np.ndarray, np.ndarray]:
    """Columns: members (pair, role), unfilled leads, unfilled peers, floor slack, load tiers."""
    n_free, nx = sub.free.size, pair.size
    local = np.full(len(p.reviews), -1)
    local[sub.free] = np.arange(n_free)
    rr, vv, cols, rows = local[p.pair_r[pair]], p.pair_v[pair], np.arange(nx), _Rows()
    u_lead, u_peer, each = (
        nx + np.arange(n_free),
        nx + n_free + np.arange(n_free),
        np.arange(n_free),
    )
    ones, peers = np.ones(n_free), p.r_peers[sub.free].astype(float)
    rows.add(np.r_[rr[lead], each], np.r_[cols[lead], u_lead], 1.0, ones, ones)
    rows.add(np.r_[rr[~lead], each], np.r_[cols[~lead], u_peer], 1.0, peers, peers)
    _group_at_most_one(rows, vv * WEEK_KEY + p.r_week[p.pair_r[pair]], cols)
    _group_at_most_one(
        rows, rr * (int(dense_trust(p).max(initial=0)) + 1) + dense_trust(p)[vv], cols
    )
    covers = p.pair_phase[pair]
    rows.add(np.r_[rr[covers], each, each], np.r_[cols[covers], u_lead, u_peer], 1.0, ones,
             np.full(n_free, np.inf))  # fmt: skip
    score = p.pair_score[pair].astype(float)
    if sub.floor is not None:
        rows.add(np.r_[rr, each], np.r_[cols, nx + 2 * n_free + each], np.r_[score, ones * SCALE],
                 np.full(n_free, sub.floor * SCALE), np.full(n_free, np.inf))  # fmt: skip
    tier_cost, tiers = _load_tiers(p, keep, rows, vv, cols, nx + 3 * n_free)
    kept = np.isin(pair * 2 + lead, sub.prefer.pair * 2 + sub.prefer.lead)
    c = np.r_[
        -score - kept * sub.keep_bonus * SCALE - lead * sub.lead_bonus * SCALE,
        np.full(2 * n_free, (sub.unfilled or p.weights.unfilled) * SCALE),
        np.full(n_free, FLOOR_PENALTY * SCALE if sub.floor is not None else 0.0),
        tier_cost,
    ]
    lower = np.zeros(c.size)
    lower[:nx] = np.isin(pair * 2 + lead, sub.forced.pair * 2 + sub.forced.lead)
    upper = np.r_[np.ones(nx), ones, peers, np.full(n_free, np.inf), np.ones(tiers)]
    integral = np.r_[np.ones(nx + 2 * n_free), np.zeros(n_free), np.ones(tiers)]
    return c, rows, lower, upper, integral


def valid_part(p: Problem, picks: Picks) -> Picks:
    """The members of these teams that break no team rule: a peer sharing a trust with an
    earlier member goes, and a complete team without the phase loses its weakest peer."""
    order = np.lexsort((-p.pair_score[picks.pair], ~picks.lead, p.pair_r[picks.pair]))
    picks = Picks(picks.pair[order], picks.lead[order])
    r = p.pair_r[picks.pair]
    key = r * (int(dense_trust(p).max(initial=0)) + 1) + dense_trust(p)[p.pair_v[picks.pair]]
    _, first = np.unique(key, return_index=True)
    picks = picks.take(np.isin(np.arange(picks.pair.size), first))
    r = p.pair_r[picks.pair]
    size = np.bincount(r, minlength=len(p.reviews))
    complete = (size == p.r_peers + 1)[r]
    covered = (np.bincount(r, p.pair_phase[picks.pair], len(p.reviews)) > 0)[r]
    last = np.r_[r[1:] != r[:-1], True] if r.size else np.zeros(0, bool)
    return picks.take(~(complete & ~covered & last))


def _group_at_most_one(rows: _Rows, key: Ints, cols: Ints) -> None:
    groups, group_of, counts = np.unique(key, return_inverse=True, return_counts=True)
    shared = counts[group_of] > 1
    dense = np.unique(group_of[shared], return_inverse=True)[1]
    n = int(dense.max(initial=-1)) + 1
    rows.add(dense, cols[shared], 1.0, np.full(n, -np.inf), np.ones(n))


def _load_tiers(
    p: Problem, keep: Picks, rows: _Rows, vv: Ints, cols: Ints, first: int
) -> tuple[np.ndarray, int]:
    """Rising load costs: tier variables y (≤ 1 each) with Σ y = the reviewer's new reviews."""
    reviewers, member_of = np.unique(vv, return_inverse=True)
    base = base_loads(p, keep)[reviewers]
    remaining = np.maximum(p.v_capacity[reviewers] - base, 0)
    owner = np.repeat(np.arange(reviewers.size), remaining)
    nth = np.arange(owner.size) - np.repeat(np.cumsum(remaining) - remaining, remaining)
    zero = np.zeros(reviewers.size)
    rows.add(np.r_[member_of, owner], np.r_[cols, first + np.arange(owner.size)],
             np.r_[np.ones(cols.size), -np.ones(owner.size)], zero, zero)  # fmt: skip
    return p.weights.load * SCALE * (base[owner] + nth).astype(float), owner.size


def resolve_by_week(p: Problem, picks: Picks, sub: Subproblem, seconds: float = 8.0) -> Picks:
    """Re-solve `sub.free` one week at a time: teams of different weeks meet only through
    reviewers' capacity, which the fixed part of each step carries, so every step stays valid
    and the MILPs stay small."""
    weeks = p.r_week[sub.free]
    for week in np.unique(weeks):
        free = sub.free[weeks == week]

        def part(chosen: Picks, free: Ints = free) -> Picks:
            return chosen.take(np.isin(p.pair_r[chosen.pair], free))

        step = dataclasses.replace(sub, free=free, forced=part(sub.forced), prefer=part(sub.prefer))
        keep = picks.take(~np.isin(p.pair_r[picks.pair], free))
        picks = keep.join(resolve_teams(p, keep, step, seconds))
    return picks
