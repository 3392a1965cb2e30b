"""Candidate pairs: every (review, reviewer) that passes the hard pair rules, found sparsely.

Pairs within the distance limit come from a k-d tree, so no reviews × reviewers matrix is built
when there is a limit; the other pair rules are vectorised filters on the surviving pairs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.spatial import cKDTree

from collegium.allocation.model import Review, Reviewer, Rules, Weights

SCALE = 1000  # pair scores are integers in thousandths, so the flow solver is exact
Ints = NDArray[np.int64]


@dataclass
class Problem:
    """Arrays about reviews (r_*), reviewers (v_*) and candidate pairs (pair_*)."""

    reviews: Sequence[Review]
    reviewers: Sequence[Reviewer]
    weights: Weights
    rules: Rules
    r_week: Ints
    r_peers: Ints
    r_trust: Ints
    v_trust: Ints
    v_capacity: Ints
    v_lead: NDArray[np.bool_]
    pair_r: Ints
    pair_v: Ints
    pair_score: Ints
    pair_phase: NDArray[np.bool_]
    pair_km: NDArray[np.float64]

    @property
    def pair_count(self) -> int:
        return int(self.pair_r.size)

    def review_index(self) -> dict[int, int]:
        return {r.id: i for i, r in enumerate(self.reviews)}

    def reviewer_index(self) -> dict[int, int]:
        return {v.id: i for i, v in enumerate(self.reviewers)}


def trust_key(trust_id: int | None, school_id: int) -> int:
    """A school outside any trust is its own trust of one (negative keys never meet real ones)."""
    return trust_id if trust_id is not None else -1 - school_id


def bitmasks(sets: Iterable[frozenset[str]], names: dict[str, int]) -> Ints:
    masks = []
    for items in sets:
        mask = 0
        for item in items:
            mask |= 1 << names.setdefault(item, len(names))
        masks.append(mask)
    if len(names) > 62:
        raise ValueError("At most 62 different phases or subjects can be matched")
    return np.array(masks, dtype=np.int64)


def _keys(owner_sets: Iterable[Iterable[int]], multiplier: int) -> Ints:
    """Sorted keys owner_index × multiplier + member for each member of each owner's set."""
    keys = [i * multiplier + s for i, members in enumerate(owner_sets) for s in members]
    return np.unique(np.array(keys, dtype=np.int64))


def _member(keys: Ints, table: Ints) -> NDArray[np.bool_]:
    if table.size == 0:
        return np.zeros(keys.shape, dtype=bool)
    pos = np.minimum(np.searchsorted(table, keys), table.size - 1)
    return np.asarray(table[pos] == keys)


def _near_pairs(
    reviews: Sequence[Review], reviewers: Sequence[Reviewer], max_km: float | None
) -> tuple[Ints, Ints]:
    if max_km is None:
        nr, nv = len(reviews), len(reviewers)
        return np.repeat(np.arange(nr), nv), np.tile(np.arange(nv), nr)
    r_xy = np.array([(r.east_km, r.north_km) for r in reviews], dtype=float).reshape(-1, 2)
    v_xy = np.array([(v.east_km, v.north_km) for v in reviewers], dtype=float).reshape(-1, 2)
    near = cKDTree(r_xy).sparse_distance_matrix(cKDTree(v_xy), max_km, output_type="ndarray")
    order = np.lexsort((near["j"], near["i"]))
    return near["i"][order].astype(np.int64), near["j"][order].astype(np.int64)


def _conflict_free(
    reviews: Sequence[Review], reviewers: Sequence[Reviewer], pr: Ints, pv: Ints
) -> NDArray[np.bool_]:
    """Own school, same trust, last cycle's partners, declared conflicts, former employment."""
    r_school = np.array([r.school_id for r in reviews], dtype=np.int64)
    v_school = np.array([v.school_id for v in reviewers], dtype=np.int64)
    r_trust = np.array([trust_key(r.trust_id, r.school_id) for r in reviews], dtype=np.int64)
    v_trust = np.array([trust_key(v.trust_id, v.school_id) for v in reviewers], dtype=np.int64)
    keep = (r_school[pr] != v_school[pv]) & (r_trust[pr] != v_trust[pv])
    schools = int(max(r_school.max(initial=0), v_school.max(initial=0))) + 1
    declared = _keys(((*v.declared_conflicts, *v.former_schools) for v in reviewers), schools)
    keep &= ~_member(pv * schools + r_school[pr], declared)
    partners = _keys((r.last_cycle_partners for r in reviews), schools)
    keep &= ~_member(pr * schools + v_school[pv], partners)
    return keep


def _available(reviews: Sequence[Review], reviewers: Sequence[Reviewer], pr: Ints, pv: Ints):
    r_week = np.array([r.week for r in reviews], dtype=np.int64)
    v_weeks = np.array([sum(1 << w for w in v.weeks) for v in reviewers], dtype=np.int64)
    return (v_weeks[pv] >> r_week[pr]) & 1 == 1


def _scores(
    reviews: Sequence[Review], reviewers: Sequence[Reviewer], pr: Ints, pv: Ints, w: Weights
) -> tuple[Ints, NDArray[np.bool_], NDArray[np.float64]]:
    phases: dict[str, int] = {}
    r_phase = bitmasks((frozenset([r.phase]) for r in reviews), phases)
    v_phase = bitmasks((v.phases for v in reviewers), phases)
    subjects: dict[str, int] = {}
    r_subj = bitmasks((r.subjects for r in reviews), subjects)
    v_subj = bitmasks((v.subjects for v in reviewers), subjects)
    phase = (r_phase[pr] & v_phase[pv]) != 0
    shared = np.bitwise_count(r_subj[pr] & v_subj[pv]).astype(float)
    subject = shared / np.maximum(np.bitwise_count(r_subj[pr]), 1)
    r_xy = np.array([(r.east_km, r.north_km) for r in reviews], dtype=float).reshape(-1, 2)
    v_xy = np.array([(v.east_km, v.north_km) for v in reviewers], dtype=float).reshape(-1, 2)
    km = np.hypot(*(r_xy[pr] - v_xy[pv]).T)
    travel = np.clip(1.0 - km / w.travel_km, 0.0, 1.0)
    r_school = np.array([r.school_id for r in reviews], dtype=np.int64)
    schools = int(r_school.max(initial=0)) + 1
    seen = _keys((v.reviewed_schools for v in reviewers), schools)
    new = ~_member(pv * schools + r_school[pr], seen)
    receiving = np.isin(np.array([v.school_id for v in reviewers]), r_school)[pv]
    total = (
        w.phase * phase
        + w.subject * subject
        + w.travel * travel
        + w.new_pairing * new
        + w.reciprocity * receiving
    )
    return np.rint(total * SCALE).astype(np.int64), phase, km


def build_problem(
    reviews: Sequence[Review],
    reviewers: Sequence[Reviewer],
    weights: Weights | None = None,
    rules: Rules | None = None,
) -> Problem:
    weights, rules = weights or Weights(), rules or Rules()
    pr, pv = _near_pairs(reviews, reviewers, rules.max_km)
    keep = _conflict_free(reviews, reviewers, pr, pv)
    if rules.teams:
        keep &= _available(reviews, reviewers, pr, pv)
    pr, pv = pr[keep], pv[keep]
    score, phase, km = _scores(reviews, reviewers, pr, pv, weights)
    return Problem(
        reviews=reviews,
        reviewers=reviewers,
        weights=weights,
        rules=rules,
        r_week=np.array([r.week for r in reviews], dtype=np.int64),
        r_peers=np.array([r.peers for r in reviews], dtype=np.int64),
        r_trust=np.array([trust_key(r.trust_id, r.school_id) for r in reviews], dtype=np.int64),
        v_trust=np.array([trust_key(v.trust_id, v.school_id) for v in reviewers], dtype=np.int64),
        v_capacity=np.array([v.capacity for v in reviewers], dtype=np.int64),
        v_lead=np.array([v.accredited_lead for v in reviewers], dtype=bool),
        pair_r=pr,
        pair_v=pv,
        pair_score=score,
        pair_phase=phase,
        pair_km=km,
    )
