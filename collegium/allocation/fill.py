"""The last pass of every run (allocate and repair), so that an empty slot is one a rule blocks.

1. A team without a lead whose peers include an accredited lead is led by them (the same
   members and score; the peer slot it opens may then be filled), unless their place is locked.
2. Any slot that a free reviewer can take without breaking a hard rule is filled, lead slots
   first, best pair score first: free means a candidate pair, not reviewing that week (the
   plain matching: not on this review), under capacity, trust not already in the team, and,
   for the team's last slot while nobody on it knows the school's phase, knowing the phase.
3. A team still without a lead swaps a peer for a free accredited lead when that costs no
   score (a tie: typically nobody free knows the phase, so the team stays one short either
   way): between equal choices the lead place is filled first.

On an exact solve steps 1 and 2 find nothing; at national size they catch what the
week-by-week re-solves left, so diagnose.py's reasons are true.
"""

from __future__ import annotations

import numpy as np

from collegium.allocation.candidates import SCALE, Ints, Problem
from collegium.allocation.flow import WEEK_KEY, Picks, base_loads, dense_trust, slot_needs


def promote(p: Problem, picks: Picks, locked: Picks) -> Picks:
    """An accredited peer leads a team that has no lead (the best-scoring one; never a peer
    whose place is locked)."""
    if not p.rules.teams or picks.pair.size == 0:
        return picks
    lead_need, _ = slot_needs(p, picks)
    r = p.pair_r[picks.pair]
    able = ~picks.lead & p.v_lead[p.pair_v[picks.pair]] & (lead_need[r] > 0)
    able &= ~np.isin(picks.pair, locked.pair[~locked.lead])
    if not able.any():
        return picks
    order = np.flatnonzero(able)
    order = order[np.lexsort((-p.pair_score[picks.pair[order]], r[order]))]
    first = order[np.r_[True, r[order][1:] != r[order][:-1]]]
    lead = picks.lead.copy()
    lead[first] = True
    return Picks(picks.pair, lead)


class _State:
    """Who is where, kept up to date as slots are filled."""

    def __init__(self, p: Problem, picks: Picks) -> None:
        self.p = p
        self.loads = base_loads(p, picks)
        self.lead_need, self.peer_need = slot_needs(p, picks)
        pr, pv = p.pair_r[picks.pair], p.pair_v[picks.pair]
        self.trust = dense_trust(p)
        self.busy = set((pv * WEEK_KEY + p.r_week[pr]).tolist()) if p.rules.teams else set()
        self.on_team: dict[int, set[int]] = {}
        self.trusts: dict[int, set[int]] = {}
        self.covered = np.zeros(len(p.reviews), bool)
        for pair in picks.pair.tolist():
            self._place(pair)

    def _place(self, pair: int) -> None:
        p, r, v = self.p, int(self.p.pair_r[pair]), int(self.p.pair_v[pair])
        self.on_team.setdefault(r, set()).add(v)
        self.trusts.setdefault(r, set()).add(int(self.trust[v]))
        self.covered[r] |= bool(p.pair_phase[pair])

    def add(self, pair: int, lead: bool) -> None:
        p, r, v = self.p, int(self.p.pair_r[pair]), int(self.p.pair_v[pair])
        self._place(pair)
        self.loads[v] += 1
        if p.rules.teams:
            self.busy.add(v * WEEK_KEY + int(p.r_week[r]))
        if lead:
            self.lead_need[r] -= 1
        else:
            self.peer_need[r] -= 1

    def takes(self, pair: int, lead: bool) -> bool:
        p, r, v = self.p, int(self.p.pair_r[pair]), int(self.p.pair_v[pair])
        if (lead and not p.v_lead[v]) or self.loads[v] >= p.v_capacity[v]:
            return False
        if v in self.on_team.get(r, ()):
            return False
        if not p.rules.teams:
            return True
        if v * WEEK_KEY + int(p.r_week[r]) in self.busy:
            return False
        if int(self.trust[v]) in self.trusts.get(r, ()):
            return False
        last = self.lead_need[r] + self.peer_need[r] == 1
        return not last or bool(self.covered[r]) or bool(p.pair_phase[pair])


def fill_free(p: Problem, picks: Picks, locked: Picks) -> Picks:
    """`picks` with an accredited peer leading each leaderless team, every slot a free
    reviewer can take filled, and the lead place filled first between equal choices;
    `locked` places keep their role."""
    picks = _fill(p, promote(p, picks, locked))
    swapped = lead_first(p, picks, locked)
    return picks if swapped is picks else _fill(p, swapped)


def _load_cost(p: Problem, load: int) -> int:
    """The scaled load cost of a reviewer's `load`-th review (as bound.objective counts it)."""

    def total(n: int) -> int:
        return round(p.weights.load * SCALE * n * (n - 1) / 2)

    return total(load) - total(load - 1) if load > 0 else 0


def lead_first(p: Problem, picks: Picks, locked: Picks) -> Picks:
    """A team still without a lead swaps a peer (never a locked one) for a free accredited
    lead when that costs no score: between equal choices the lead place is filled first."""
    lead_need, _ = slot_needs(p, picks)
    if not p.rules.teams or not lead_need.any():
        return picks
    state, drop, add = _State(p, picks), [], []
    movable = ~picks.lead & ~np.isin(picks.pair, locked.pair)
    for r in np.flatnonzero(lead_need > 0).tolist():
        mine = np.flatnonzero(movable & (p.pair_r[picks.pair] == r))
        best = _best_swap(p, state, picks, r, mine)
        if best is not None:
            drop.append(best[0])
            add.append(best[1])
    if not add:
        return picks
    keep = ~np.isin(np.arange(picks.pair.size), drop)
    return picks.take(keep).join(Picks(np.array(add, np.int64), np.ones(len(add), bool)))


def _best_swap(
    p: Problem, state: _State, picks: Picks, r: int, peers: Ints
) -> tuple[int, int] | None:
    """(index of the peer in picks, lead pair) with the best change of score, if ≥ 0."""
    start, end = np.searchsorted(p.pair_r, [r, r + 1])
    week, best, found = int(p.r_week[r]), -1, None
    team_trusts = [int(state.trust[p.pair_v[picks.pair[i]]]) for i in peers]
    for i, peer_trust in zip(peers.tolist(), team_trusts, strict=True):
        u = int(p.pair_v[picks.pair[i]])
        saved = int(p.pair_score[picks.pair[i]]) - _load_cost(p, int(state.loads[u]))
        others = state.trusts.get(r, set()) - {peer_trust}
        for c in range(int(start), int(end)):
            v = int(p.pair_v[c])
            if (
                not p.v_lead[v]
                or state.loads[v] >= p.v_capacity[v]
                or v * WEEK_KEY + week in state.busy
                or int(state.trust[v]) in others
            ):
                continue  # fmt: skip
            change = int(p.pair_score[c]) - _load_cost(p, int(state.loads[v]) + 1) - saved
            if change >= 0 and change > best:
                best, found = change, (i, c)
    return found


def _fill(p: Problem, picks: Picks) -> Picks:
    lead_need, peer_need = slot_needs(p, picks)
    short = np.flatnonzero(lead_need + peer_need > 0)
    if short.size == 0 or p.pair_count == 0:
        return picks
    state, added, leads = _State(p, picks), [], []
    starts = np.searchsorted(p.pair_r, short)
    ends = np.searchsorted(p.pair_r, short, side="right")
    for r, start, end in zip(short.tolist(), starts.tolist(), ends.tolist(), strict=True):
        mine: Ints = start + np.argsort(-p.pair_score[start:end], kind="stable")
        for lead in (True, False):
            for pair in mine.tolist():
                need = state.lead_need[r] if lead else state.peer_need[r]
                if need <= 0:
                    break
                if state.takes(pair, lead):
                    state.add(pair, lead)
                    added.append(pair)
                    leads.append(lead)
    return picks.join(Picks(np.array(added, np.int64), np.array(leads, bool)))
