"""repair(): after reviewers withdraw or reviews move week, fill the vacated slots changing as
few other assignments as possible. Locked members never move.

Every member who may still serve stays; the min-cost flow fills only the vacated slots around
them. A refilled team that then breaks a rule the flow cannot see (lead and peer from one
trust, phase not covered) or stays short is re-solved exactly, where keeping a current member
is worth `KEEP_BONUS` score points: more than any member's pair score, less than filling a
slot, so a member moves only when that fills a slot nothing else can. A locked member whose
reviewer has withdrawn cannot stay and is dropped.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Collection, Iterable, Mapping, Sequence

import numpy as np

from collegium.allocation import bound as bounds
from collegium.allocation.candidates import SCALE, Problem, build_problem
from collegium.allocation.flow import (
    WEEK_KEY,
    Picks,
    build_network,
    picks_from,
    slot_needs,
    solve_network,
)
from collegium.allocation.model import (
    LEAD,
    Allocation,
    Assignment,
    Progress,
    Review,
    Reviewer,
    Rules,
    Weights,
)
from collegium.allocation.solve import crossing_reviews, finish, flow_with_bound, locked_picks
from collegium.allocation.teams import Subproblem, resolve_by_week

KEEP_BONUS = 20.0


def _still_valid(p: Problem, previous: Sequence[Assignment], moved: Collection[int]) -> Picks:
    """Previous members who may still serve; on a week clash the moved review loses them."""
    ri, vi = p.review_index(), p.reviewer_index()
    previous = sorted(previous, key=lambda a: a.review_id in moved)
    present = [a for a in previous if a.review_id in ri and a.reviewer_id in vi]
    wanted = np.array([ri[a.review_id] * len(p.reviewers) + vi[a.reviewer_id] for a in present])
    lead = np.array([a.role == LEAD for a in present], bool)
    keys = p.pair_r * len(p.reviewers) + p.pair_v  # sorted: pairs are in review, reviewer order
    at = np.minimum(np.searchsorted(keys, wanted), max(keys.size - 1, 0))
    valid = (keys[at] == wanted) if keys.size else np.zeros(wanted.size, bool)
    valid &= ~lead | p.v_lead[p.pair_v[at]]
    picks = Picks(at[valid].astype(np.int64), lead[valid])
    if not p.rules.teams:
        return picks
    week_key = p.pair_v[picks.pair] * WEEK_KEY + p.r_week[p.pair_r[picks.pair]]
    _, first = np.unique(week_key, return_index=True)
    return picks.take(np.isin(np.arange(picks.pair.size), first))


def repair(
    previous: Allocation,
    reviews: Sequence[Review],
    reviewers: Sequence[Reviewer],
    withdrawn: Collection[int] = (),
    moved: Mapping[int, int] | None = None,
    locked: Iterable[Assignment] = (),
    weights: Weights | None = None,
    rules: Rules | None = None,
    progress: Progress | None = None,
) -> Allocation:
    """Re-optimise `previous` after `withdrawn` reviewer ids leave and `moved` reviews (id → new
    week) move. `changed` on the result counts assignments that are not in `previous`."""
    started, moved = time.perf_counter(), dict(moved or {})
    progress = progress or (lambda fraction, message: None)
    progress(0.0, "Finding the candidate pairs that meet the pair rules")
    reviews = [dataclasses.replace(r, week=moved[r.id]) if r.id in moved else r for r in reviews]
    gone = set(withdrawn)
    reviewers = [v for v in reviewers if v.id not in gone]
    locked = [a for a in locked if a.reviewer_id not in gone]
    p = build_problem(reviews, reviewers, weights, rules)
    fixed = locked_picks(p, locked)
    kept = _still_valid(p, list(previous.assignments), moved)
    kept = kept.join(fixed.take(~np.isin(fixed.pair * 2 + fixed.lead, kept.pair * 2 + kept.lead)))
    progress(0.3, "Filling the vacated slots")
    net = build_network(p, kept)
    flows, _ = solve_network(net, np.ones(net.tails.size - net.first_pair_arc, bool))
    picks = _fix_teams(p, kept.join(picks_from(net, flows)), kept, fixed)
    upper = _bound(p, previous, fixed, bool(moved), progress)
    progress(0.9, "Checking every hard rule")
    worst = float(bounds.best_team_scores(p).min()) if len(reviews) else 0.0
    result = finish(p, picks, upper, worst, started)
    before = {a.key for a in previous.assignments}
    changed = sum(a.key not in before for a in result.assignments)
    progress(1.0, f"Done: {changed} assignments changed")
    return dataclasses.replace(result, changed=changed)


def _fix_teams(p: Problem, picks: Picks, kept: Picks, fixed: Picks) -> Picks:
    """Re-solve exactly the refilled teams that the flow got wrong or could not complete."""
    touched = np.unique(p.pair_r[picks.pair[kept.pair.size :]])
    lead_need, peer_need = slot_needs(p, picks)
    short = np.flatnonzero(lead_need + peer_need > 0)
    free = np.intersect1d(touched, np.union1d(crossing_reviews(p, picks), short))
    if free.size == 0:
        return picks
    sub = Subproblem(
        free=free,
        forced=fixed.take(np.isin(p.pair_r[fixed.pair], free)),
        prefer=kept.take(np.isin(p.pair_r[kept.pair], free)),
        keep_bonus=KEEP_BONUS,
    )
    return resolve_by_week(p, picks, sub)


def _bound(p: Problem, previous: Allocation, fixed: Picks, moved: bool, progress: Progress) -> int:
    """Withdrawals only shrink the choice, so the previous bound still holds; a move does not."""
    if not moved:
        return round(previous.certificate.lp_bound * SCALE)
    return flow_with_bound(p, fixed, None, progress)[1]
