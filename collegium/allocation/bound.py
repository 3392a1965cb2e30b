"""Upper bounds that certify a run: on the total score, and on the worst-off review's score.

Total: any node potentials of the flow network give a lower bound on its minimum cost (LP
duality), hence an upper bound on the score of every allocation that meets the hard rules. The
potentials are shortest-path distances in the residual network of the flow solved over the
shortlisted pairs; the dual is then evaluated over *all* candidate pairs, so the bound stays
valid for the whole problem and equals the LP optimum when the shortlist lost nothing.
"""

from __future__ import annotations

import numpy as np

from collegium.allocation.candidates import SCALE, Ints, Problem, top_k
from collegium.allocation.flow import SINK, SOURCE, Network, Picks


def _ranges(starts: Ints, counts: Ints) -> Ints:
    offsets = np.repeat(starts - (np.cumsum(counts) - counts), counts)
    return offsets + np.arange(int(counts.sum()))


def potentials(net: Network, flows: Ints, active: np.ndarray) -> Ints:
    """Shortest distances from a root joined to every node, in the residual network."""
    solved = np.concatenate([np.ones(net.first_pair_arc, bool), active])
    fwd, bwd = solved & (flows < net.caps), solved & (flows > 0)
    tails = np.concatenate([net.tails[fwd], net.heads[bwd]])
    heads = np.concatenate([net.heads[fwd], net.tails[bwd]])
    costs = np.concatenate([net.costs[fwd], -net.costs[bwd]])
    nodes = int(max(net.tails.max(initial=0), net.heads.max(initial=0))) + 1
    order = np.argsort(tails, kind="stable")
    tails, heads, costs = tails[order], heads[order], costs[order]
    starts = np.searchsorted(tails, np.arange(nodes))
    counts = np.searchsorted(tails, np.arange(nodes), side="right") - starts
    dist = np.zeros(nodes, np.int64)
    frontier = np.arange(nodes)
    for _ in range(nodes + 1):
        arcs = _ranges(starts[frontier], counts[frontier])
        if arcs.size == 0:
            return dist
        relaxed = dist.copy()
        np.minimum.at(relaxed, heads[arcs], dist[tails[arcs]] + costs[arcs])
        frontier = np.flatnonzero(relaxed < dist)
        dist = relaxed
    raise RuntimeError("The flow was not optimal: its residual network has a negative cycle")


def dual_bound(net: Network, dist: Ints) -> int:
    """A lower bound on the network's minimum cost, from potentials, over every arc."""
    excess = dist[net.heads] - dist[net.tails] - net.costs
    return int(net.supply * (dist[SINK] - dist[SOURCE]) - (net.caps * np.maximum(excess, 0)).sum())


def cheaper_arcs(net: Network, dist: Ints) -> np.ndarray:
    """Pair arcs whose reduced cost is negative: they could improve the flow."""
    first = net.first_pair_arc
    reduced = net.costs[first:] + dist[net.tails[first:]] - dist[net.heads[first:]]
    return np.asarray(reduced < 0)


def review_scores(p: Problem, picks: Picks) -> np.ndarray:
    """Each review's score: the sum of its members' pair scores (in score units)."""
    scores = np.bincount(p.pair_r[picks.pair], p.pair_score[picks.pair], len(p.reviews))
    return np.asarray(scores / SCALE)


def objective(p: Problem, picks: Picks, unfilled_slots: int) -> int:
    """Scaled objective: pair scores − rising load costs − unfilled slots × their weight."""
    loads = np.bincount(p.pair_v[picks.pair], minlength=len(p.reviewers))
    load_cost = np.rint(p.weights.load * SCALE * loads * (loads - 1) / 2).sum()
    unfilled = round(p.weights.unfilled * SCALE) * unfilled_slots
    return int(p.pair_score[picks.pair].sum() - load_cost - unfilled)


def best_team_scores(p: Problem) -> np.ndarray:
    """For each review, the best team it could have on its own: its best lead plus its best
    peers, one per trust (phase and the lead's trust relaxed), so no allocation does better."""
    nr = len(p.reviews)
    if p.pair_count == 0:
        return np.zeros(nr)
    lead = np.zeros(nr, np.int64)
    leads = np.flatnonzero(p.v_lead[p.pair_v]) if p.rules.teams else np.zeros(0, np.int64)
    best_lead = leads[top_k(p.pair_r[leads], nr, p.pair_score[leads], np.ones(nr, np.int64))]
    np.maximum.at(lead, p.pair_r[best_lead], p.pair_score[best_lead])
    group = p.v_trust[p.pair_v] if p.rules.teams else p.pair_v
    peers, k = np.zeros(nr, np.int64), 8 * p.r_peers
    todo = np.ones(nr, bool)
    while todo.any():
        some = np.flatnonzero(todo[p.pair_r])
        some = some[top_k(p.pair_r[some], nr, p.pair_score[some], k)]
        found, distinct = _best_per_trust(p, some, group[some])
        done = (distinct >= p.r_peers) | (k >= np.bincount(p.pair_r, minlength=nr))
        finished = todo & done
        peers[finished] = found[finished]
        todo &= ~done
        k = k * 4
    return np.asarray((lead + peers) / SCALE)


def _best_per_trust(p: Problem, some: Ints, group: Ints) -> tuple[Ints, Ints]:
    """Sum of each review's best peers (one per trust) among `some`, and trusts seen."""
    nr = len(p.reviews)
    if some.size == 0:
        return np.zeros(nr, np.int64), np.zeros(nr, np.int64)
    order = np.lexsort((-p.pair_score[some], group, p.pair_r[some]))
    r, t = p.pair_r[some][order], group[order]
    first = np.r_[True, (r[1:] != r[:-1]) | (t[1:] != t[:-1])]
    best = some[order[first]]
    best = best[np.lexsort((-p.pair_score[best], p.pair_r[best]))]
    rb = p.pair_r[best]
    rank = np.arange(rb.size) - np.searchsorted(rb, rb)
    keep = best[rank < p.r_peers[rb]]
    return np.bincount(p.pair_r[keep], p.pair_score[keep], nr).astype(np.int64), np.bincount(
        rb, minlength=nr
    )
