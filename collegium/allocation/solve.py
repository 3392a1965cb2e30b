"""allocate(): candidates → min-cost flow (and its bound) → exact re-solve of the teams the flow
cannot see → fill report, reasons and certificate."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence

import numpy as np

from collegium.allocation import bound as bounds
from collegium.allocation.candidates import SCALE, Problem, build_problem
from collegium.allocation.check import count_violations, pair_breaks
from collegium.allocation.diagnose import Context, explain
from collegium.allocation.fill import fill_free
from collegium.allocation.flow import (
    Network,
    Picks,
    base_loads,
    build_network,
    dense_trust,
    picks_from,
    shortlist,
    slot_needs,
    solve_network,
)
from collegium.allocation.model import (
    LEAD,
    PEER,
    Allocation,
    Assignment,
    Certificate,
    PairScores,
    Progress,
    Review,
    Reviewer,
    Rules,
    Unfilled,
    Weights,
)
from collegium.allocation.teams import Subproblem, resolve_by_week, resolve_teams
from collegium.allocation.validate import InvalidInput, locked_name, validate

FLOOR_SHARE = 0.98  # every review is lifted towards this share of the worst-off bound
EXACT_PAIRS = 3000  # up to this many candidate pairs, every team is re-solved exactly
ROUNDS = 4  # shortlist rounds before the flow is solved over every candidate pair


def _quiet(fraction: float, message: str) -> None:
    return None


def locked_picks(p: Problem, locked: Iterable[Assignment]) -> Picks:
    """Locked members as candidate pairs; a lock that breaks a pair rule is refused."""
    ri, vi = p.review_index(), p.reviewer_index()
    keys = p.pair_r * len(p.reviewers) + p.pair_v  # sorted: pairs are in review, reviewer order
    pairs, leads = [], []
    for a in locked:
        if a.review_id not in ri or a.reviewer_id not in vi:
            raise InvalidInput(
                f"The locked place {a.key}", "it names a review or reviewer not in this run"
            )
        key = ri[a.review_id] * len(p.reviewers) + vi[a.reviewer_id]
        at = int(np.searchsorted(keys, key))
        review, reviewer = p.reviews[ri[a.review_id]], p.reviewers[vi[a.reviewer_id]]
        broken = pair_breaks(review, reviewer, p.rules)
        if a.role == LEAD and not reviewer.accredited_lead:
            broken.append("not an accredited lead")
        if broken or at == keys.size or keys[at] != key:
            raise InvalidInput(
                locked_name(review, reviewer),
                "it breaks a rule the optimiser keeps: "
                + ", ".join(broken or ["outside the candidate pairs"]),
            )
        pairs.append(at)
        leads.append(a.role == LEAD)
    return Picks(np.array(pairs, np.int64), np.array(leads, bool))


def flow_with_bound(
    p: Problem, fixed: Picks, per_review: int | None, progress: Progress
) -> tuple[Picks, int]:
    """Flow picks beside `fixed`, and an upper bound on the scaled objective."""
    net = build_network(p, fixed)
    pair_arcs = net.tails.size - net.first_pair_arc
    active = shortlist(p, net, per_review) if per_review else np.ones(pair_arcs, bool)
    for round_ in range(ROUNDS):
        progress(0.2 + 0.1 * round_, f"Solving the flow over {int(active.sum()):,} pairs")
        flows, cost = solve_network(net, active)
        lower = _lower_bound(net, flows, active, cost)
        if lower == cost or active.all():
            break
        active |= bounds.cheaper_arcs(net, bounds.potentials(net, flows, active))
    loads = base_loads(p, fixed)
    fixed_part = (
        p.pair_score[fixed.pair].sum()
        - np.rint(p.weights.load * SCALE * loads * (loads - 1) / 2).sum()
    )
    return fixed.join(picks_from(net, flows)), int(fixed_part - lower)


def _lower_bound(net: Network, flows: np.ndarray, active: np.ndarray, cost: int) -> int:
    if active.all():
        return cost  # the whole network solved to optimality: its LP optimum (integral)
    return bounds.dual_bound(net, bounds.potentials(net, flows, active))


def crossing_reviews(p: Problem, picks: Picks) -> np.ndarray:
    """Reviews whose flow team has the lead's trust among the peers, or lacks the phase."""
    nr = len(p.reviews)
    pr, pv = p.pair_r[picks.pair], p.pair_v[picks.pair]
    trust = dense_trust(p)[pv]
    key = pr * (int(trust.max(initial=0)) + 1) + trust
    _, first, counts = np.unique(key, return_index=True, return_counts=True)
    clash = np.zeros(nr, bool)
    clash[pr[first[counts > 1]]] = True
    lead_need, peer_need = slot_needs(p, picks)
    covered = np.bincount(pr, p.pair_phase[picks.pair], nr) > 0
    return np.flatnonzero(clash | (~covered & (lead_need + peer_need == 0)))


def lift_set(p: Problem, picks: Picks, low: np.ndarray, per_review: int = 10) -> np.ndarray:
    """Low-scoring reviews and the reviews that hold their best candidates in the same week."""
    pr, pv = p.pair_r[picks.pair], p.pair_v[picks.pair]
    holders = [low]
    for r in low:
        mine = np.flatnonzero(p.pair_r == r)
        best = p.pair_v[mine[np.argsort(-p.pair_score[mine], kind="stable")[:per_review]]]
        holders.append(pr[np.isin(pv, best) & (p.r_week[pr] == p.r_week[r])])
    return np.unique(np.concatenate(holders))


def improve_teams(
    p: Problem, picks: Picks, worst_bound: float, locked: Picks, floor_share: float | None
) -> Picks:
    """Re-solve exactly the teams the flow got wrong and those below the worst-off floor; on a
    small problem, re-solve every team so the result is the exact optimum."""
    if not p.rules.teams:
        return picks  # the plain matching is a pure flow: already optimal
    floor = floor_share * worst_bound if floor_share is not None else None
    per_review = Subproblem.per_review
    if p.pair_count <= EXACT_PAIRS:
        free, per_review = np.arange(len(p.reviews)), p.pair_count
    else:
        low = np.flatnonzero(bounds.review_scores(p, picks) < (floor or 0.0) - 1e-9)
        free = np.union1d(crossing_reviews(p, picks), lift_set(p, picks, low))
    if free.size == 0:
        return picks
    inside = np.isin(p.pair_r[picks.pair], free)
    forced = locked.take(np.isin(p.pair_r[locked.pair], free))
    sub = Subproblem(free, forced, picks.take(inside), floor=floor, per_review=per_review)
    if p.pair_count <= EXACT_PAIRS:
        return picks.take(~inside).join(resolve_teams(p, picks.take(~inside), sub))
    return resolve_by_week(p, picks, sub)


def allocate(
    reviews: Sequence[Review],
    reviewers: Sequence[Reviewer],
    weights: Weights | None = None,
    rules: Rules | None = None,
    locked: Iterable[Assignment] = (),
    progress: Progress | None = None,
    shortlist: int | None = None,
    floor_share: float | None = FLOOR_SHARE,
    pair_scores: PairScores | None = None,
) -> Allocation:
    """Teams for every review that meet every hard rule, with a certificate of their quality.

    The input is checked first (validate.py: InvalidInput names the record and the rule).
    `locked` members are kept as they are. `pair_scores` ({(review id, reviewer id): points})
    replace the built-in score of those pairs (Weights); the hard rules still decide which pairs
    may meet. `shortlist` (e.g. 20) first solves the flow over each review's best pairs and adds
    others only where the dual says they could help; the bound is still over every candidate
    pair. Reviews scoring under `floor_share` × the worst-off bound are lifted (None: maximise
    the total only). `progress(fraction, message)` is called as work goes on.
    """
    started, progress = time.perf_counter(), progress or _quiet
    weights, rules, locked = weights or Weights(), rules or Rules(), list(locked)
    validate(reviews, reviewers, weights, rules, locked, pair_scores)
    progress(0.0, "Finding the candidate pairs that meet the pair rules")
    p = build_problem(reviews, reviewers, weights, rules, pair_scores)
    fixed = locked_picks(p, locked)
    picks, upper = flow_with_bound(p, fixed, shortlist, progress)
    worst_bound = _lowest(bounds.best_team_scores(p))
    progress(0.7, "Re-solving the teams the flow cannot see exactly")
    picks = fill_free(p, improve_teams(p, picks, worst_bound, fixed, floor_share), fixed)
    progress(0.9, "Checking every hard rule")
    allocation = finish(p, picks, upper, worst_bound, started)
    progress(1.0, "Done")
    return allocation


def finish(
    p: Problem, picks: Picks, upper: int, worst_bound: float, started: float, changed: int = 0
) -> Allocation:
    assignments = describe(p, picks)
    unfilled = unfilled_slots(p, picks)
    slots = sum(u.slots for u in unfilled)
    score = bounds.objective(p, picks, slots)
    scores = bounds.review_scores(p, picks)
    has_pairs = np.bincount(p.pair_v, minlength=len(p.reviewers)) > 0
    loads = base_loads(p, picks)[has_pairs]
    certificate = Certificate(
        score=score / SCALE,
        lp_bound=upper / SCALE,
        gap=(upper - score) / max(abs(upper), 1),
        hard_violations=count_violations(p.reviews, p.reviewers, assignments, p.rules),
        unfilled_slots=slots,
        worst_review_score=_lowest(scores),
        worst_review_bound=worst_bound,
        load_spread=float(loads.std()) if loads.size else 0.0,
        candidate_pairs=p.pair_count,
        seconds=time.perf_counter() - started,
    )
    return Allocation(tuple(assignments), tuple(unfilled), certificate, changed)


def unfilled_slots(p: Problem, picks: Picks) -> list[Unfilled]:
    lead_need, peer_need = slot_needs(p, picks)
    found: list[Unfilled] = []
    short = np.flatnonzero(lead_need + peer_need > 0)
    if short.size == 0:
        return found
    ctx = Context(p, picks)
    for r in map(int, short):
        review_id = p.reviews[r].id
        if lead_need[r]:
            found.append(Unfilled(review_id, LEAD, 1, explain(ctx, r, lead=True)))
        if peer_need[r]:
            reason = explain(ctx, r, lead=False)
            found.append(Unfilled(review_id, PEER, int(peer_need[r]), reason))
    return found


def describe(p: Problem, picks: Picks) -> list[Assignment]:
    """Assignments with their pair score and why each member was chosen."""
    order = np.lexsort((~picks.lead, p.pair_r[picks.pair]))
    receiving = {r.school_id for r in p.reviews}
    described = []
    for pair, lead in zip(picks.pair[order], picks.lead[order], strict=True):
        review, reviewer = p.reviews[p.pair_r[pair]], p.reviewers[p.pair_v[pair]]
        reasons = [f"{p.pair_km[pair]:.0f} km away"]
        if p.pair_phase[pair]:
            reasons.append(f"knows the {review.phase} phase")
        if shared := sorted(review.subjects & reviewer.subjects):
            reasons.append("knows " + ", ".join(shared))
        if review.school_id not in reviewer.reviewed_schools:
            reasons.append("new to this school")
        if reviewer.school_id in receiving:
            reasons.append("their school receives a review this term")
        role = LEAD if lead else PEER
        score = float(p.pair_score[pair]) / SCALE
        described.append(Assignment(review.id, reviewer.id, role, score, tuple(reasons)))
    return described


def _lowest(values: np.ndarray) -> float:
    return float(values.min()) if values.size else 0.0
