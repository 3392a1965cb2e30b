"""A network-wide run's life (issue 21 part 2): queued → running → proposed, or failed. When
solved, each cluster with a review in the run gets its part: an AllocationRun created
proposed, with its places, its empty places and the whole run's certificate, which its
coordinator changes, re-optimises and accepts like any run of the cluster."""

import dataclasses
from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from collegium.allocation import Allocation
from collegium.allocations import notices
from collegium.allocations.backups import store_part_backups
from collegium.allocations.models import AllocationRun, NetworkRun, ProposedPlace
from collegium.allocations.network import network_reviews
from collegium.allocations.problem import Built
from collegium.allocations.services.runs import RUN_FIELDS, STALE_AFTER, dated, write_progress
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.reviews.models import Review as ReviewRow
from collegium.termdates.models import SchoolTerm
from collegium.words import lower_first

Status = NetworkRun.Status
FIELDS = ["status", "term_id", "reviews"]
NEXT: dict[str, set[str]] = {
    Status.QUEUED: {Status.RUNNING, Status.FAILED},
    Status.RUNNING: {Status.PROPOSED, Status.FAILED},
    Status.PROPOSED: set(),
    Status.FAILED: set(),
}


def _move(run: NetworkRun, to: str) -> None:
    if to not in NEXT[run.status]:
        raise ValidationError(f"This run is {run.get_status_display().lower()} already")
    run.status = to


def enqueue(run: NetworkRun) -> None:
    from collegium.allocations.network_task import run_network_allocation

    run_network_allocation.enqueue(run.pk)


def start_network_run(actor: Any, term: SchoolTerm, reviews: str) -> NetworkRun:
    """Queue one solve over the term's reviews of every cluster that still need a team."""
    label = lower_first(NetworkRun.Reviews(reviews).label)
    with transaction.atomic():
        term = SchoolTerm.objects.select_for_update().get(pk=term.pk)
        _fail_stale(term)
        if NetworkRun.objects.filter(term=term, status__in=NetworkRun.ACTIVE).exists():
            raise ValidationError(
                f"The optimiser is already running across the network for the "
                f"{lower_first(term.label)}: wait for it to finish"
            )
        if not network_reviews(term, reviews):
            raise ValidationError(
                f"No {label.removesuffix('s')} in the {lower_first(term.label)} needs a team: "
                "every one being planned from today has its lead and peer reviewers"
            )
        run = NetworkRun.objects.create(term=term, reviews=reviews, created_by=actor)
        record_change(actor, verbs.ALLOCATION_RUN_STARTED, run, None, snapshot(run, FIELDS))
    enqueue(run)
    return run


def _fail_stale(term: SchoolTerm) -> None:
    stale = NetworkRun.objects.select_for_update().filter(
        term=term, status__in=NetworkRun.ACTIVE, queued_at__lt=timezone.now() - STALE_AFTER
    )
    for run in stale:
        _failed(
            run, "The optimiser stopped without finishing, perhaps because its worker restarted"
        )


def begin(run_id: int) -> NetworkRun | None:
    """Mark a queued run as running; None if a worker has already taken it."""
    with transaction.atomic():
        run = NetworkRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status != Status.QUEUED:
            return None
        before = snapshot(run, FIELDS)
        _move(run, Status.RUNNING)
        run.save(update_fields=["status"])
        record_change(None, verbs.OPTIMISER_STARTED, run, before, snapshot(run, FIELDS))
    return run


def report_progress(run_id: int, fraction: float, message: str) -> None:
    write_progress(NetworkRun, run_id, fraction, message)


def fail(run_id: int, error: str) -> None:
    with transaction.atomic():
        _failed(NetworkRun.objects.select_for_update().get(pk=run_id), error)


def _failed(run: NetworkRun, error: str) -> None:
    before = snapshot(run, FIELDS)
    _move(run, Status.FAILED)
    run.error, run.finished_at = error[:2000], timezone.now()
    run.save()
    record_change(None, verbs.ALLOCATION_RUN_FAILED, run, before, snapshot(run, FIELDS))


def store_parts(run_id: int, built: Built, result: Allocation | None) -> list[AllocationRun]:
    """Split the answer by cluster: one proposed part per cluster with a review in the run."""
    with transaction.atomic():
        run = NetworkRun.objects.select_for_update().get(pk=run_id)
        before = snapshot(run, FIELDS)
        gaps = [dated(dataclasses.asdict(u), built) for u in result.unfilled] if result else []
        gaps += built.left_out
        ids = set(built.rows) | {gap["review_id"] for gap in gaps}
        cluster_of = dict(ReviewRow.objects.filter(pk__in=ids).values_list("pk", "cluster_id"))
        cert = dataclasses.asdict(result.certificate) if result else None
        places: dict[int, list[Any]] = defaultdict(list)
        for a in result.assignments if result else ():
            places[cluster_of[a.review_id]].append(a)
        on_team = {a.key for a in built.locked}
        parts = {}
        for cluster_id in sorted(set(cluster_of.values())):
            mine = [gap for gap in gaps if cluster_of[gap["review_id"]] == cluster_id]
            parts[cluster_id] = _part(run, cluster_id, cert, mine, places[cluster_id], on_team)
        store_part_backups(parts, cluster_of, built, result)
        _move(run, Status.PROPOSED)
        run.certificate, run.progress, run.finished_at = cert, 1.0, timezone.now()
        run.save()
        record_change(None, verbs.TEAMS_PROPOSED, run, before, snapshot(run, FIELDS))
        for part in parts.values():
            notices.part_ready(part)  # emailed once the parts commit
    return list(parts.values())


def _part(
    run: NetworkRun,
    cluster_id: int,
    cert: dict[str, Any] | None,
    gaps: list[dict[str, Any]],
    assignments: list[Any],
    on_team: set[tuple[int, int, str]],
) -> AllocationRun:
    empty = sum(int(gap["slots"]) for gap in gaps)
    part = AllocationRun.objects.create(
        cluster_id=cluster_id,
        network_run=run,
        created_by=run.created_by,
        status=AllocationRun.Status.PROPOSED,
        progress=1.0,
        certificate=cert | {"unfilled_slots": empty} if cert else None,
        unfilled=gaps,
        finished_at=timezone.now(),
    )
    ProposedPlace.objects.bulk_create(
        ProposedPlace(
            run=part,
            review_id=a.review_id,
            reviewer_id=a.reviewer_id,
            role=a.role,
            score=round(a.score, 3),
            reasons=list(a.reasons),
            locked=a.key in on_team,
            on_team=a.key in on_team,
        )
        for a in assignments
    )
    record_change(None, verbs.TEAMS_PROPOSED, part, None, snapshot(part, RUN_FIELDS))
    return part
