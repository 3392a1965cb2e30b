"""Candidate pairs: every (review, reviewer) that passes the hard pair rules, found sparsely.

Pairs within the distance limit come from a k-d tree, so no reviews × reviewers matrix is built
when there is a limit; the other pair rules are vectorised filters on the surviving pairs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.spatial import cKDTree

from collegium.allocation.model import PairScores, Review, Reviewer, Rules, Weights

SCALE = 1000  # pair scores are integers in thousandths, so the flow solver is exact
BLOCK_PAIRS = 500_000  # review × reviewer pairs looked at per block
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
    """Sorted keys owner_index × multiplier + member for each member of each owner's set
    (members from `multiplier` on are no school of this run and would collide)."""
    keys = [
        i * multiplier + s for i, members in enumerate(owner_sets) for s in members
        if s < multiplier
    ]  # fmt: skip
    return np.unique(np.array(keys, dtype=np.int64))


def _member(keys: Ints, table: Ints) -> NDArray[np.bool_]:
    if table.size == 0:
        return np.zeros(keys.shape, dtype=bool)
    pos = np.minimum(np.searchsorted(table, keys), table.size - 1)
    return np.asarray(table[pos] == keys)


class _Entities:
    """Per-review and per-reviewer arrays, built once; the pair filters index into them."""

    def __init__(self, reviews: Sequence[Review], reviewers: Sequence[Reviewer]) -> None:
        self.r_xy = np.array([(r.east_km, r.north_km) for r in reviews], float).reshape(-1, 2)
        self.v_xy = np.array([(v.east_km, v.north_km) for v in reviewers], float).reshape(-1, 2)
        self.r_school = np.array([r.school_id for r in reviews], dtype=np.int64)
        self.v_school = np.array([v.school_id for v in reviewers], dtype=np.int64)
        self.r_trust = np.array([trust_key(r.trust_id, r.school_id) for r in reviews], np.int64)
        self.v_trust = np.array([trust_key(v.trust_id, v.school_id) for v in reviewers], np.int64)
        self.schools = int(max(self.r_school.max(initial=0), self.v_school.max(initial=0))) + 1
        conflicts = ((*v.declared_conflicts, *v.former_schools) for v in reviewers)
        self.declared = _keys(conflicts, self.schools)
        self.partners = _keys((r.last_cycle_partners for r in reviews), self.schools)
        self.seen = _keys((v.reviewed_schools for v in reviewers), self.schools)
        self.r_week = np.array([r.week for r in reviews], dtype=np.int64)
        self.v_weeks = np.array([sum(1 << w for w in v.weeks) for v in reviewers], np.int64)
        phases: dict[str, int] = {}
        self.r_phase = bitmasks((frozenset([r.phase]) for r in reviews), phases)
        self.v_phase = bitmasks((v.phases for v in reviewers), phases)
        subjects: dict[str, int] = {}
        self.r_subj = bitmasks((r.subjects for r in reviews), subjects)
        self.v_subj = bitmasks((v.subjects for v in reviewers), subjects)
        self.r_subj_count = np.maximum(np.bitwise_count(self.r_subj), 1).astype(float)
        self.v_receiving = np.isin(self.v_school, self.r_school)
        self.v_tree = cKDTree(self.v_xy)


def _near_pairs(e: _Entities, first: int, last: int, max_km: float | None) -> tuple[Ints, Ints]:
    """Pairs of reviews first..last-1 with reviewers within the distance, in (review, reviewer)
    order."""
    nv = e.v_xy.shape[0]
    if max_km is None:
        return np.repeat(np.arange(first, last), nv), np.tile(np.arange(nv), last - first)
    tree = cKDTree(e.r_xy[first:last])
    near = tree.sparse_distance_matrix(e.v_tree, max_km, output_type="ndarray")
    order = np.argsort(near["i"].astype(np.int64) * nv + near["j"], kind="stable")
    return first + near["i"][order].astype(np.int64), near["j"][order].astype(np.int64)


def _conflict_free(e: _Entities, pr: Ints, pv: Ints) -> NDArray[np.bool_]:
    """Own school, same trust, last cycle's partners, declared conflicts, former employment."""
    keep = (e.r_school[pr] != e.v_school[pv]) & (e.r_trust[pr] != e.v_trust[pv])
    keep &= ~_member(pv * e.schools + e.r_school[pr], e.declared)
    keep &= ~_member(pr * e.schools + e.v_school[pv], e.partners)
    return np.asarray(keep, dtype=bool)


def _scores(
    e: _Entities, pr: Ints, pv: Ints, w: Weights
) -> tuple[Ints, NDArray[np.bool_], NDArray[np.float64]]:
    phase = (e.r_phase[pr] & e.v_phase[pv]) != 0
    total = w.phase * phase
    total += w.subject * (np.bitwise_count(e.r_subj[pr] & e.v_subj[pv]) / e.r_subj_count[pr])
    km = np.hypot(e.r_xy[pr, 0] - e.v_xy[pv, 0], e.r_xy[pr, 1] - e.v_xy[pv, 1])
    total += w.travel * np.clip(1.0 - km / w.travel_km, 0.0, 1.0)
    total += w.new_pairing * ~_member(pv * e.schools + e.r_school[pr], e.seen)
    total += (w.reciprocity * e.v_receiving)[pv]
    return np.rint(total * SCALE).astype(np.int64), phase, km


def usable_capacity(reviewer: Reviewer, reviews: int, rules: Rules) -> int:
    """Reviews a reviewer could actually take: never more than there are, nor (with teams)
    more than the weeks they are free; a larger capacity changes nothing but the flow's size."""
    most = min(reviews, len(reviewer.weeks)) if rules.teams else reviews
    return min(reviewer.capacity, most)


def _given_scores(
    reviews: Sequence[Review], reviewers: Sequence[Reviewer], pr: Ints, pv: Ints,
    score: Ints, given: PairScores,
) -> None:  # fmt: skip
    """Replace the built-in score of each candidate pair the caller scored (other pairs the
    caller named break a pair rule and stay out)."""
    ri = {r.id: i for i, r in enumerate(reviews)}
    vi = {v.id: i for i, v in enumerate(reviewers)}
    nv = len(reviewers)
    wanted = np.array([ri[r] * nv + vi[v] for r, v in given], dtype=np.int64)
    values = np.rint(np.array(list(given.values()), dtype=float) * SCALE).astype(np.int64)
    keys = pr * nv + pv  # sorted: pairs are in review, reviewer order
    at = np.minimum(np.searchsorted(keys, wanted), max(keys.size - 1, 0))
    hit = keys[at] == wanted if keys.size else np.zeros(wanted.size, bool)
    score[at[hit]] = values[hit]


def _pairs(e: _Entities, first: int, last: int, rules: Rules, weights: Weights) -> list[Any]:
    """Candidate pairs of reviews first..last-1: indices, scores, phase match, distance."""
    pr, pv = _near_pairs(e, first, last, rules.max_km)
    keep = _conflict_free(e, pr, pv)
    if rules.teams:
        keep &= (e.v_weeks[pv] >> e.r_week[pr]) & 1 == 1
    pr, pv = pr[keep], pv[keep]
    return [pr, pv, *_scores(e, pr, pv, weights)]


def build_problem(
    reviews: Sequence[Review],
    reviewers: Sequence[Reviewer],
    weights: Weights | None = None,
    rules: Rules | None = None,
    pair_scores: PairScores | None = None,
) -> Problem:
    """Candidate pairs, built a block of reviews at a time so temporaries stay small.
    `pair_scores` replace the built-in score of the pairs they name."""
    weights, rules = weights or Weights(), rules or Rules()
    e = _Entities(reviews, reviewers)
    step = max(1, BLOCK_PAIRS // max(len(reviewers), 1))
    blocks = [_pairs(e, i, min(i + step, len(reviews)), rules, weights)
              for i in range(0, len(reviews), step)]  # fmt: skip
    pr, pv, score, phase, km = (
        np.concatenate([b[k] for b in blocks]) if blocks else np.zeros(0, dtypes)
        for k, dtypes in enumerate((np.int64, np.int64, np.int64, bool, float))
    )
    if pair_scores:
        _given_scores(reviews, reviewers, pr, pv, score, pair_scores)
    return Problem(
        reviews=reviews,
        reviewers=reviewers,
        weights=weights,
        rules=rules,
        r_week=e.r_week,
        r_peers=np.array([r.peers for r in reviews], dtype=np.int64),
        r_trust=e.r_trust,
        v_trust=e.v_trust,
        v_capacity=np.array(
            [usable_capacity(v, len(reviews), rules) for v in reviewers], dtype=np.int64
        ),
        v_lead=np.array([v.accredited_lead for v in reviewers], dtype=bool),
        pair_r=pr,
        pair_v=pv,
        pair_score=score,
        pair_phase=phase,
        pair_km=km,
    )


def top_k(group: Ints, groups: int, score: Ints, k: Ints) -> NDArray[np.bool_]:
    """A superset of each group's k best-scoring members (ties at the cut-off kept), found with
    a per-group score histogram instead of a sort."""
    if group.size == 0:
        return np.zeros(0, dtype=bool)
    bins = 512
    low = int(score.min())
    width = max(int(score.max()) - low, 1)
    binned = (score - low) * (bins - 1) // width
    counts = np.bincount(group * bins + binned, minlength=groups * bins).reshape(groups, bins)
    at_least = np.cumsum(counts[:, ::-1], axis=1)[:, ::-1]  # members in this bin or above
    enough = at_least >= np.asarray(k).reshape(-1, 1)
    cut = np.where(enough.any(axis=1), bins - 1 - np.argmax(enough[:, ::-1], axis=1), 0)
    return np.asarray(binned >= cut[group])
