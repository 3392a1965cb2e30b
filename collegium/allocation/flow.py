"""The min-cost flow that places most members, and whose optimum bounds the whole problem.

source → reviewer (one arc per review of capacity, each dearer: fair load)
       → reviewer-week (capacity 1: one review a week)
       → lead slot of the review (accredited reviewers only)
       → or (review, trust) node (capacity 1: one member per trust among the peers) → peer slots
       → review node → sink; plus one dear source → sink arc that carries the unfilled slots.
A review whose phase no candidate covers can fill all but one slot (its team is never complete).

Every allocation that meets the hard rules is a flow here, so the optimum of this network's LP
(integral: the network matrix is totally unimodular) is an upper bound on the score. The flow
cannot see two rules that cross it: the lead and a peer from one trust, and a team without the
school's phase; solve.py re-solves those teams exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from ortools.graph.python import min_cost_flow

from collegium.allocation.candidates import SCALE, Ints, Problem, top_k

WEEK_KEY = 64  # reviewer-week key = reviewer × 64 + week (weeks are < 63)
SOURCE, SINK, FIRST_REVIEWER = 0, 1, 2


@dataclass
class Picks:
    """Chosen members: indices into the candidate pairs, and whether each is the lead."""

    pair: Ints
    lead: NDArray[np.bool_]

    @staticmethod
    def empty() -> Picks:
        return Picks(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool))

    def join(self, other: Picks) -> Picks:
        return Picks(
            np.concatenate([self.pair, other.pair]), np.concatenate([self.lead, other.lead])
        )

    def take(self, mask: NDArray[np.bool_]) -> Picks:
        return Picks(self.pair[mask], self.lead[mask])


@dataclass
class Network:
    """Arcs: structural ones first, then one per (pair, role) from `first_pair_arc` on."""

    tails: Ints
    heads: Ints
    caps: Ints
    costs: Ints
    supply: int
    first_pair_arc: int
    arc_pair: Ints  # candidate pair of each pair arc
    arc_lead: NDArray[np.bool_]


def dense_trust(p: Problem) -> Ints:
    return np.unique(p.v_trust, return_inverse=True)[1].astype(np.int64)


def open_pairs(p: Problem, fixed: Picks) -> NDArray[np.bool_]:
    """Pairs still usable beside the fixed members: reviewer free that week, trust not in team."""
    if fixed.pair.size == 0:
        return np.ones(p.pair_count, bool)
    fr, fv = p.pair_r[fixed.pair], p.pair_v[fixed.pair]
    if not p.rules.teams:
        taken = np.isin(p.pair_r * len(p.reviewers) + p.pair_v, fr * len(p.reviewers) + fv)
        return np.asarray(~taken)
    busy = np.isin(p.pair_v * WEEK_KEY + p.r_week[p.pair_r], fv * WEEK_KEY + p.r_week[fr])
    trust = dense_trust(p)
    tcount = int(trust.max(initial=0)) + 1
    clash = np.isin(p.pair_r * tcount + trust[p.pair_v], fr * tcount + trust[fv])
    return np.asarray(~(busy | clash))


def slot_needs(p: Problem, fixed: Picks) -> tuple[Ints, Ints]:
    """Lead and peer slots still to fill per review."""
    nr = len(p.reviews)
    fr = p.pair_r[fixed.pair]
    lead_need = 1 - np.bincount(fr[fixed.lead], minlength=nr) if p.rules.teams else np.zeros(nr)
    peer_need = p.r_peers - np.bincount(fr[~fixed.lead], minlength=nr)
    return np.maximum(lead_need, 0).astype(np.int64), np.maximum(peer_need, 0).astype(np.int64)


def base_loads(p: Problem, fixed: Picks) -> Ints:
    return np.bincount(p.pair_v[fixed.pair], minlength=len(p.reviewers)).astype(np.int64)


class _Arcs:
    def __init__(self) -> None:
        self.parts: list[list[Ints]] = []
        self.count = 0

    def add(self, tails: Ints, heads: Ints, caps: Ints | int, costs: Ints | int) -> Ints:
        n = len(tails)
        self.parts.append(
            [np.broadcast_to(np.asarray(a, np.int64), n) for a in (tails, heads, caps, costs)]
        )
        self.count += n
        return np.arange(self.count - n, self.count)

    def arrays(self) -> list[Ints]:
        return [np.concatenate([part[i] for part in self.parts]) for i in range(4)]


def _load_arcs(p: Problem, arcs: _Arcs, base: Ints) -> None:
    remaining = np.maximum(p.v_capacity - base, 0)
    owner = np.repeat(np.arange(len(p.reviewers)), remaining)
    nth = np.arange(owner.size) - np.repeat(np.cumsum(remaining) - remaining, remaining)
    cost = np.rint(p.weights.load * SCALE * (base[owner] + nth)).astype(np.int64)
    arcs.add(np.zeros(owner.size, np.int64), FIRST_REVIEWER + owner, 1, cost)


def _peer_heads(p: Problem, arcs: _Arcs, pr: Ints, pv: Ints, peer0: int, rt0: int) -> Ints:
    """Head of each peer arc: the peer slot, or a (review, trust) node shared by several."""
    if not p.rules.teams:
        return peer0 + pr
    trust = dense_trust(p)
    key = pr * (int(trust.max(initial=0)) + 1) + trust[pv]
    _, rt_of, rt_n = np.unique(key, return_inverse=True, return_counts=True)
    rt_review = np.zeros(rt_n.size, np.int64)
    rt_review[rt_of] = pr
    many = np.flatnonzero(rt_n > 1)
    arcs.add(rt0 + many, peer0 + rt_review[many], 1, 0)
    return np.where(rt_n[rt_of] > 1, rt0 + rt_of, peer0 + pr)


def _phase_blocked(p: Problem, fixed: Picks, idx: Ints | None) -> NDArray[np.bool_]:
    """Reviews that no open candidate nor fixed member covers the phase of: such a team can
    never be complete, so at least one of its slots stays empty."""
    if not p.rules.teams:
        return np.zeros(len(p.reviews), bool)
    covered = np.zeros(len(p.reviews), bool)
    idx = np.arange(p.pair_count) if idx is None else idx
    covered[p.pair_r[idx[p.pair_phase[idx]]]] = True
    covered[p.pair_r[fixed.pair[p.pair_phase[fixed.pair]]]] = True
    return ~covered


def _where(
    mask: NDArray[np.bool_], positions: Ints | None, *arrays: Ints
) -> tuple[Ints | None, tuple[Ints, ...]]:
    """The arrays where `mask` holds and their positions (None: all), copying nothing when it
    holds everywhere (the common case of a fresh run)."""
    if mask.all():
        return positions, arrays
    where = np.flatnonzero(mask)
    return (where if positions is None else positions[where]), tuple(a[where] for a in arrays)


@dataclass(frozen=True)
class Preference:
    """Repair's costs: `members` (current ones) earn `bonus` on top of their pair score, a lead
    earns `lead_bonus`, and an empty slot costs `unfilled`; all scaled like pair scores."""

    members: Picks
    bonus: int
    unfilled: int
    lead_bonus: int = 0


def build_network(p: Problem, fixed: Picks, prefer: Preference | None = None) -> Network:
    """The network for every open slot beside the fixed members, over all candidate pairs."""
    nr, nv = len(p.reviews), len(p.reviewers)
    lead_need, peer_need = slot_needs(p, fixed)
    usable = open_pairs(p, fixed) & (lead_need + peer_need > 0)[p.pair_r]
    idx, (pr, pv, score) = _where(usable, None, p.pair_r, p.pair_v, p.pair_score)
    arcs, node = _Arcs(), FIRST_REVIEWER + nv
    _load_arcs(p, arcs, base_loads(p, fixed))
    member = FIRST_REVIEWER + pv
    if p.rules.teams:
        rw, member = np.unique(pv * WEEK_KEY + p.r_week[pr], return_inverse=True)
        arcs.add(FIRST_REVIEWER + rw // WEEK_KEY, node + np.arange(rw.size), 1, 0)
        member, node = node + member, node + rw.size
    lead0, peer0, team0, rt0 = node, node + nr, node + 2 * nr, node + 3 * nr
    as_peer = (peer_need > 0)[pr]
    peer_idx, (peer_r, peer_v, peer_score, peer_member) = _where(
        as_peer, idx, pr, pv, score, member
    )
    head = _peer_heads(p, arcs, peer_r, peer_v, peer0, rt0)
    need = lead_need + peer_need
    at_most = need - (_phase_blocked(p, fixed, idx) & (need > 0))
    reviews = np.arange(nr)
    arcs.add(lead0 + reviews, team0 + reviews, lead_need, 0)
    arcs.add(peer0 + reviews, team0 + reviews, peer_need, 0)
    arcs.add(team0 + reviews, np.full(nr, SINK), at_most, 0)
    unfilled = prefer.unfilled if prefer else round(p.weights.unfilled * SCALE)
    arcs.add(np.array([SOURCE]), np.array([SINK]), int(need.sum()), unfilled)
    first_pair_arc = arcs.count
    as_lead = (p.v_lead[pv] & (lead_need > 0)[pr]) if lead_need.any() else np.zeros(pr.size, bool)
    positions = np.arange(p.pair_count) if idx is None else idx
    peer_idx = positions if peer_idx is None else peer_idx
    lead_score, peer_score = score[as_lead], peer_score
    if prefer is not None:
        lead_score = lead_score + _bonus(prefer, positions[as_lead], True) + prefer.lead_bonus
        peer_score = peer_score + _bonus(prefer, peer_idx, False)
    arcs.add(member[as_lead], lead0 + pr[as_lead], 1, -lead_score)
    arcs.add(peer_member, head, 1, -peer_score)
    tails, heads, caps, costs = arcs.arrays()
    return Network(
        tails, heads, caps, costs, int(lead_need.sum() + peer_need.sum()), first_pair_arc,
        np.concatenate([positions[as_lead], peer_idx]),
        np.concatenate([np.ones(int(as_lead.sum()), bool), np.zeros(peer_idx.size, bool)]),
    )  # fmt: skip


def _bonus(prefer: Preference, pairs: Ints, lead: bool) -> Ints:
    wanted = prefer.members.pair[prefer.members.lead == lead]
    return np.where(np.isin(pairs, wanted), prefer.bonus, 0).astype(np.int64)


def solve_network(net: Network, active: NDArray[np.bool_]) -> tuple[Ints, int]:
    """Optimal flow using the structural arcs and the active pair arcs; flows on every arc."""
    arcs = np.concatenate(
        [np.arange(net.first_pair_arc), net.first_pair_arc + np.flatnonzero(active)]
    )
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        net.tails[arcs], net.heads[arcs], net.caps[arcs], net.costs[arcs]
    )
    flow.set_node_supply(SOURCE, net.supply)
    flow.set_node_supply(SINK, -net.supply)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"The min-cost flow did not solve (status {status})")
    flows = np.zeros(net.tails.size, np.int64)
    flows[arcs] = flow.flows(np.arange(arcs.size))
    return flows, int(flow.optimal_cost())


def picks_from(net: Network, flows: Ints) -> Picks:
    used = flows[net.first_pair_arc :] > 0
    return Picks(net.arc_pair[used], net.arc_lead[used])


def shortlist(p: Problem, net: Network, per_review: int) -> NDArray[np.bool_]:
    """Each review's best `per_review` lead arcs and best `2 × per_review` peer arcs."""
    group = p.pair_r[net.arc_pair] * 2 + net.arc_lead
    k = np.tile([2 * per_review, per_review], len(p.reviews))
    return top_k(group, 2 * len(p.reviews), p.pair_score[net.arc_pair], k)
