"""The run's backup list (issue 21): for each review and role, the few reviewers the run left
free who could take a place there, best first. Computed with the run, from the optimiser's own
candidate pairs and the same pair scores (preferences included), so a declined place is offered
on without another solve; the team service checks every rule again when one is asked."""

from collections import Counter
from collections.abc import Mapping

from collegium.allocation import LEAD, PEER, Allocation
from collegium.allocation.candidates import SCALE, build_problem
from collegium.allocations.models import AllocationRun, Backup
from collegium.allocations.problem import Built

PER_PLACE = 5  # backups kept for each review and role


Ranked = dict[tuple[int, str], list[tuple[float, int]]]


def ranked(built: Built, result: Allocation | None) -> Ranked:
    """For each review with a place and each role, the reviewers who pass the pair rules, are
    free that week in the result and have capacity left (a lead: accredited), best first."""
    if result is None or not built.reviews:
        return {}
    problem = build_problem(built.reviews, built.reviewers, pair_scores=built.pair_scores)
    week = {r.id: r.week for r in built.reviews}
    busy = {(a.reviewer_id, week[a.review_id]) for a in result.assignments}
    load = Counter(a.reviewer_id for a in result.assignments)
    placed = {r for r in result.teams}
    found: Ranked = {}
    for r, v, score in zip(
        problem.pair_r.tolist(), problem.pair_v.tolist(), problem.pair_score.tolist(), strict=True
    ):
        review, reviewer = built.reviews[r], built.reviewers[v]
        if review.id not in placed or (reviewer.id, review.week) in busy:
            continue
        if load[reviewer.id] >= reviewer.capacity:
            continue
        roles = (LEAD, PEER) if reviewer.accredited_lead else (PEER,)
        for role in roles:
            found.setdefault((review.id, role), []).append((score / SCALE, reviewer.id))
    for pairs in found.values():
        pairs.sort(key=lambda pair: (-pair[0], pair[1]))
    return found


def _rows(
    run: AllocationRun, review_id: int, role: str, pairs: list[tuple[float, int]]
) -> list[Backup]:
    return [
        Backup(run=run, review_id=review_id, role=role, reviewer_id=pk, rank=n, score=s)
        for n, (s, pk) in enumerate(pairs[:PER_PLACE], start=1)
    ]


def backup_rows(run: AllocationRun, built: Built, result: Allocation | None) -> list[Backup]:
    """Unsaved Backup rows of a run (see `ranked`)."""
    rows: list[Backup] = []
    for (review_id, role), pairs in ranked(built, result).items():
        rows += _rows(run, review_id, role, pairs)
    return rows


def store_backups(run: AllocationRun, built: Built, result: Allocation | None) -> None:
    """Replace the run's backup list (inside the caller's transaction)."""
    run.backups.all().delete()
    Backup.objects.bulk_create(backup_rows(run, built, result))


def store_part_backups(
    parts: Mapping[int, AllocationRun],
    cluster_of: Mapping[int, int],
    built: Built,
    result: Allocation | None,
) -> None:
    """A network-wide run's backup lists: ranked once over the whole network (a backup may come
    from any cluster, as the places do), each review's stored with its cluster's part."""
    rows: list[Backup] = []
    for (review_id, role), pairs in ranked(built, result).items():
        rows += _rows(parts[cluster_of[review_id]], review_id, role, pairs)
    Backup.objects.bulk_create(rows)
