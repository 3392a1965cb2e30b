"""repair(): after reviewers withdraw or reviews move week, fill the vacated slots changing as
few other assignments as possible, and leave no more places (nor lead places) empty than a
fresh solve with the same locks. Locked members never move.

Every member who may still serve is kept. The teams with an open slot are re-solved (the
min-cost flow, then an exact re-solve of the teams it got wrong) with everyone else fixed and
lexicographic costs: filling a slot comes first (an empty slot costs the usual price plus
`CHAIN` keep bonuses, so a slot is filled even if that moves up to `CHAIN` current members),
then a lead place before a peer place, then keeping current members (the keep bonus is more
than any member's score and load can change), then the score. A slot still empty that moving
someone could fill (one of its `HOLD` best candidates reviews that week or is at capacity) is
re-solved exactly with the teams holding those candidates, up to `RINGS` times (if there are
at most `RING_LIMIT` such slots). The last pass (fill.py) fills anything a free reviewer can
take. If such a slot is still empty, repair also takes a fresh solve's own steps; if those
leave fewer places or lead places empty, every team is re-solved with repair's costs, and the
fresh answer is kept only if that still does worse. On scarce terms repair then costs about as
much as one or two fresh solves. A locked member whose reviewer has
withdrawn cannot stay and is dropped.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Collection, Iterable, Mapping, Sequence

import numpy as np

from collegium.allocation import bound as bounds
from collegium.allocation.candidates import SCALE, Problem, build_problem
from collegium.allocation.fill import fill_free
from collegium.allocation.flow import (
    WEEK_KEY,
    Picks,
    Preference,
    base_loads,
    build_network,
    dense_trust,
    picks_from,
    slot_needs,
    solve_network,
)
from collegium.allocation.model import (
    LEAD,
    PEER,
    Allocation,
    Assignment,
    PairScores,
    Progress,
    Review,
    Reviewer,
    Rules,
    Weights,
)
from collegium.allocation.solve import (
    FLOOR_SHARE,
    crossing_reviews,
    finish,
    flow_with_bound,
    improve_teams,
    locked_picks,
)
from collegium.allocation.teams import Subproblem, resolve_by_week, resolve_teams
from collegium.allocation.validate import InvalidInput, validate

CHAIN = 10  # current members that may move to fill one empty slot
RINGS = 2  # exact re-solves of the slots still empty with the teams holding their candidates
HOLD = 10  # candidates per empty slot whose teams join that re-solve
ONE_MILP = 60  # up to this many teams are re-solved in one MILP, not week by week
RING_LIMIT = 40  # more such empty slots than this go straight to the comparison


def _still_valid(p: Problem, wanted: Sequence[Assignment]) -> Picks:
    """The members of `wanted` (locks first, then previous members, those of moved reviews
    last) who may still serve together: a candidate pair, an accredited lead, room in the
    team, one review a week, one member per trust and capacity, first come first kept."""
    ri, vi, nv = p.review_index(), p.reviewer_index(), len(p.reviewers)
    known = [a for a in wanted if a.review_id in ri and a.reviewer_id in vi]
    r = np.array([ri[a.review_id] for a in known], np.int64)
    v = np.array([vi[a.reviewer_id] for a in known], np.int64)
    lead = np.array([a.role == LEAD for a in known], bool)
    keys = p.pair_r * nv + p.pair_v  # sorted: pairs are in review, reviewer order
    at = np.minimum(np.searchsorted(keys, r * nv + v), max(keys.size - 1, 0))
    ok = (keys[at] == r * nv + v) & (~lead | p.v_lead[v]) if keys.size else np.zeros(r.size, bool)
    trust, week, teams = dense_trust(p)[v].tolist(), p.r_week[r].tolist(), p.rules.teams
    room = {LEAD: [1 if teams else 0] * len(p.reviews), PEER: p.r_peers.tolist()}
    taken: set[tuple[int, int, int]] = set()
    spare, chosen = p.v_capacity.tolist(), []
    for i, (ri_, vi_) in enumerate(zip(r.tolist(), v.tolist(), strict=True)):
        left = room[LEAD if lead[i] else PEER]
        clash = {(0, ri_, vi_), (1, vi_, week[i]), (2, ri_, trust[i])} if teams else {(0, ri_, vi_)}
        if not ok[i] or left[ri_] <= 0 or spare[vi_] <= 0 or clash & taken:
            continue
        left[ri_] -= 1
        spare[vi_] -= 1
        taken |= clash
        chosen.append(i)
    return Picks(at[chosen].astype(np.int64), lead[chosen])


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
    pair_scores: PairScores | None = None,
) -> Allocation:
    """Re-optimise `previous` after `withdrawn` reviewer ids leave and `moved` reviews (id → new
    week) move. `changed` on the result counts assignments that are not in `previous`. The
    weights and pair scores must be those of the previous run (its bound is reused)."""
    started, moved = time.perf_counter(), dict(moved or {})
    weights, rules = weights or Weights(), rules or Rules()
    progress = progress or (lambda fraction, message: None)
    reviews, locked = _moved(reviews, moved), list(locked)
    validate(reviews, reviewers, weights, rules, locked, pair_scores)
    gone = set(withdrawn)
    reviewers = [v for v in reviewers if v.id not in gone]
    locked = [a for a in locked if a.reviewer_id not in gone]
    if pair_scores:
        pair_scores = {k: s for k, s in pair_scores.items() if k[1] not in gone}
    progress(0.0, "Finding the candidate pairs that meet the pair rules")
    p = build_problem(reviews, reviewers, weights, rules, pair_scores)
    fixed = locked_picks(p, locked)
    stay = sorted(previous.assignments, key=lambda a: a.review_id in moved)
    kept = _still_valid(p, [*locked, *stay])
    progress(0.3, "Filling the vacated slots")
    picks = _no_worse_than_fresh(p, kept, fixed, fill_free(p, _refill(p, kept, fixed), fixed))
    upper = _bound(p, previous, fixed, bool(moved), progress)
    progress(0.9, "Checking every hard rule")
    worst = float(bounds.best_team_scores(p).min()) if len(reviews) else 0.0
    result = finish(p, picks, upper, worst, started)
    if result.certificate.score > upper / SCALE:  # the previous run had fewer candidates
        result = finish(p, picks, flow_with_bound(p, fixed, None, progress)[1], worst, started)
    before = {a.key for a in previous.assignments}
    changed = sum(a.key not in before for a in result.assignments)
    progress(1.0, f"Done: {changed} assignments changed")
    return dataclasses.replace(result, changed=changed)


def _moved(reviews: Sequence[Review], moved: dict[int, int]) -> list[Review]:
    ids = {r.id for r in reviews}
    for review_id in moved:
        if review_id not in ids:
            raise InvalidInput(f"The move of review {review_id}", "no review has that id")
    return [dataclasses.replace(r, week=moved[r.id]) if r.id in moved else r for r in reviews]


def preference(p: Problem, members: Picks) -> Preference:
    """Lexicographic costs: fill, then leads, then keep, then score (scaled like pair scores)."""
    top = int(p.pair_score.max(initial=0))
    load = round(p.weights.load * SCALE * int(p.v_capacity.max(initial=0)))
    bonus = top + load + SCALE
    unfilled = round(p.weights.unfilled * SCALE) + CHAIN * bonus
    return Preference(members, bonus, unfilled, lead_bonus=2 * bonus)


def _refill(p: Problem, kept: Picks, fixed: Picks) -> Picks:
    """Re-solve the teams with an open slot; while a slot stays empty that moving someone could
    fill, re-solve it exactly with the teams holding its best candidates."""
    lead_need, peer_need = slot_needs(p, kept)
    scope = np.flatnonzero(lead_need + peer_need > 0)
    if scope.size == 0:
        return kept
    costs = _costs(p, kept, fixed)
    return _rings(p, _resolve(p, kept, fixed, scope, costs), kept, fixed, costs)


def _costs(p: Problem, kept: Picks, fixed: Picks) -> Preference:
    """Repair's costs, preferring the kept members that are not locked."""
    return preference(
        p, kept.take(~np.isin(kept.pair * 2 + kept.lead, fixed.pair * 2 + fixed.lead))
    )


def _no_worse_than_fresh(p: Problem, kept: Picks, fixed: Picks, picks: Picks) -> Picks:
    """If a slot stays empty that moving someone could fill, compare with a fresh solve: when it
    fills more, re-solve every team with repair's costs, and keep that if it fills as much (it
    moves fewer members), else the fresh solve's answer."""
    if not holders(p, picks)[0].size:
        return picks
    fresh = as_fresh(p, fixed)
    if _fills_as_much(p, picks, fresh):
        return picks
    costs = _costs(p, kept, fixed)
    everyone = np.arange(len(p.reviews))
    wide = _rings(p, _resolve(p, kept, fixed, everyone, costs), kept, fixed, costs)
    wide = fill_free(p, wide, fixed)
    return wide if _fills_as_much(p, wide, fresh) else fresh


def as_fresh(p: Problem, fixed: Picks) -> Picks:
    """What a fresh solve with the same locks would choose: allocate's own steps."""
    net = build_network(p, fixed)
    flows, _ = solve_network(net, np.ones(net.tails.size - net.first_pair_arc, bool))
    picks = fixed.join(picks_from(net, flows))
    best = bounds.best_team_scores(p)
    worst = float(best.min()) if best.size else 0.0
    return fill_free(p, improve_teams(p, picks, worst, fixed, FLOOR_SHARE), fixed)


def _fills_as_much(p: Problem, picks: Picks, other: Picks) -> bool:
    """As few lead places and as few places in all empty as `other`."""
    mine, theirs = slot_needs(p, picks), slot_needs(p, other)
    return bool(mine[0].sum() <= theirs[0].sum()) and _short_slots(p, picks) <= _short_slots(
        p, other
    )


def _rings(p: Problem, picks: Picks, kept: Picks, fixed: Picks, costs: Preference) -> Picks:
    """Re-solve exactly the teams with a slot that moving someone could fill, with the teams
    holding their best candidates (when there are few such slots)."""
    for _ in range(RINGS):
        hopeful, holding = holders(p, picks)
        if hopeful.size == 0 or hopeful.size > RING_LIMIT:
            break
        better = _exact(p, picks, kept, fixed, np.union1d(hopeful, holding), costs)
        if _short_slots(p, better) >= _short_slots(p, picks):
            break  # a re-solve that ran out of time may do worse: keep what we had
        picks = better
    return picks


def _short(p: Problem, picks: Picks) -> np.ndarray:
    lead_need, peer_need = slot_needs(p, picks)
    return np.flatnonzero(lead_need + peer_need > 0)


def _resolve(p: Problem, kept: Picks, fixed: Picks, scope: np.ndarray, costs: Preference) -> Picks:
    """The teams of `scope` re-solved beside everyone else's kept members: flow, then an exact
    re-solve of the teams the flow got wrong or left short."""
    picks = _flow(p, kept, fixed, scope, costs)
    if not p.rules.teams:
        return picks  # the plain matching is a pure flow: already the best for `scope`
    wrong = np.union1d(crossing_reviews(p, picks), _short(p, picks))
    return _exact(p, picks, kept, fixed, np.intersect1d(scope, wrong), costs)


def _flow(p: Problem, picks: Picks, fixed: Picks, scope: np.ndarray, costs: Preference) -> Picks:
    """The flow's teams for `scope` beside everyone else's members in `picks`."""
    base = picks.take(~np.isin(p.pair_r[picks.pair], scope))
    base = base.join(fixed.take(np.isin(p.pair_r[fixed.pair], scope)))
    net = build_network(p, base, costs)
    flows, _ = solve_network(net, np.ones(net.tails.size - net.first_pair_arc, bool))
    return base.join(picks_from(net, flows))


def _exact(
    p: Problem, picks: Picks, kept: Picks, fixed: Picks, free: np.ndarray, costs: Preference
) -> Picks:
    """The teams of `free` re-solved exactly with repair's costs (in one MILP when few, so a
    reviewer at capacity can move between weeks; else week by week)."""
    if free.size == 0:
        return picks
    if not p.rules.teams:
        return _flow(p, picks, fixed, free, costs)
    sub = Subproblem(
        free=free,
        forced=fixed.take(np.isin(p.pair_r[fixed.pair], free)),
        prefer=kept.take(np.isin(p.pair_r[kept.pair], free)),
        keep_bonus=costs.bonus / SCALE,
        unfilled=costs.unfilled / SCALE,
        lead_bonus=costs.lead_bonus / SCALE,
    )
    if free.size <= ONE_MILP:
        outside = picks.take(~np.isin(p.pair_r[picks.pair], free))
        return outside.join(resolve_teams(p, outside, sub))
    return resolve_by_week(p, picks, sub)


def _short_slots(p: Problem, picks: Picks) -> int:
    lead_need, peer_need = slot_needs(p, picks)
    return int(lead_need.sum() + peer_need.sum())


def holders(p: Problem, picks: Picks) -> tuple[np.ndarray, np.ndarray]:
    """The short reviews one of whose `HOLD` best candidates for an open slot is engaged
    (reviewing that week, or at capacity), and the reviews holding those candidates (that
    week's, or every review of one at capacity). The plain matching has no weeks: there only
    capacity engages a reviewer."""
    lead_need, peer_need = slot_needs(p, picks)
    short = lead_need + peer_need > 0
    r, v = p.pair_r, p.pair_v
    wanted = np.flatnonzero(short[r] & ((peer_need[r] > 0) | ((lead_need[r] > 0) & p.v_lead[v])))
    pr, pv = p.pair_r[picks.pair], p.pair_v[picks.pair]
    week_keys = pv * WEEK_KEY + p.r_week[pr]
    busy_keys = week_keys if p.rules.teams else np.zeros(0, np.int64)
    full = base_loads(p, picks) >= p.v_capacity
    engaged = np.isin(v[wanted] * WEEK_KEY + p.r_week[r[wanted]], busy_keys) | full[v[wanted]]
    wanted = wanted[engaged]
    order = np.lexsort((-p.pair_score[wanted], r[wanted]))
    group = r[wanted][order]
    rank = np.arange(order.size) - np.searchsorted(group, group)
    best = wanted[order[rank < HOLD]]
    cand_v, cand_week = v[best], p.r_week[r[best]]
    busy = np.isin(week_keys, cand_v * WEEK_KEY + cand_week) & p.rules.teams
    at_capacity = np.isin(pv, cand_v[full[cand_v]])
    return np.unique(r[best]), np.unique(pr[busy | at_capacity])


def _bound(p: Problem, previous: Allocation, fixed: Picks, moved: bool, progress: Progress) -> int:
    """Withdrawals only shrink the choice, so the previous bound still holds; a move does not."""
    if not moved:
        return round(previous.certificate.lp_bound * SCALE)
    return flow_with_bound(p, fixed, None, progress)[1]
