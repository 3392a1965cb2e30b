"""An allocation run's life (the optimiser's pages). TRANSITIONS is every status change a run
may make:

queued → running → proposed → accepted, with failed from queued or running, and proposed →
queued again when the coordinator re-optimises after changing the proposal by hand.
"""

import dataclasses
import re
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from collegium.allocation import Allocation
from collegium.allocations.backups import store_backups
from collegium.allocations.models import AllocationRun, NetworkRun, ProposedPlace
from collegium.allocations.problem import Built, reviews_in_scope, week_monday
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.clusters.models import Cluster

Status = AllocationRun.Status
TRANSITIONS: dict[str, set[str]] = {
    Status.QUEUED: {Status.RUNNING, Status.FAILED},
    Status.RUNNING: {Status.PROPOSED, Status.FAILED},
    Status.PROPOSED: {Status.QUEUED, Status.ACCEPTED},
    Status.ACCEPTED: set(),
    Status.FAILED: set(),
}
STALE_AFTER = timedelta(minutes=30)  # a run still unfinished by then lost its worker
RUN_FIELDS = ["status", "reoptimisations", "changed"]
REFUSED: dict[str, str] = {
    Status.QUEUED: "it is waiting to start",
    Status.RUNNING: "the optimiser is still running",
    Status.ACCEPTED: "its teams have already been accepted",
    Status.FAILED: "it failed: start a new run",
}


def lock_run(run: AllocationRun) -> AllocationRun:
    return AllocationRun.objects.select_for_update().select_related("cluster").get(pk=run.pk)


def move(run: AllocationRun, to: str, action: str) -> None:
    """Change a locked run's status if TRANSITIONS allows it, or say why not."""
    if to not in TRANSITIONS[run.status]:
        raise ValidationError(f"You cannot {action}: {REFUSED.get(run.status, run.status)}")
    run.status = to


def enqueue(run: AllocationRun) -> None:
    from collegium.allocations.tasks import run_allocation

    run_allocation.enqueue(run.pk)


def start_run(actor: Any, cluster: Cluster) -> AllocationRun:
    """Queue a run over the cluster's reviews that still need a team."""
    with transaction.atomic():
        cluster = Cluster.objects.select_for_update().get(pk=cluster.pk)
        _fail_stale(cluster)
        active = AllocationRun.objects.filter(cluster=cluster, status__in=AllocationRun.ACTIVE)
        if active.exists():
            raise ValidationError(
                f"The optimiser is already running for {cluster.name}: wait for it to finish"
            )
        if not reviews_in_scope(cluster):
            raise ValidationError(
                f"No review in {cluster.name} needs a team: every review being planned from "
                "today has its lead and peer reviewers"
            )
        run = AllocationRun.objects.create(cluster=cluster, created_by=actor)
        record_change(actor, verbs.ALLOCATION_RUN_STARTED, run, None, snapshot(run, RUN_FIELDS))
    enqueue(run)
    return run


def _fail_stale(cluster: Cluster) -> None:
    stale = AllocationRun.objects.select_for_update().filter(
        cluster=cluster,
        status__in=AllocationRun.ACTIVE,
        queued_at__lt=timezone.now() - STALE_AFTER,
    )
    for run in stale:
        before = snapshot(run, RUN_FIELDS)
        run.status, run.finished_at = Status.FAILED, timezone.now()
        run.error = "The optimiser stopped without finishing, perhaps because its worker restarted"
        run.save()
        record_change(None, verbs.ALLOCATION_RUN_FAILED, run, before, snapshot(run, RUN_FIELDS))


def reoptimise(actor: Any, run: AllocationRun) -> AllocationRun:
    """Queue a repair of the proposal: locked places stay, removed reviewers do not return."""
    with transaction.atomic():
        run = lock_run(run)
        before = snapshot(run, RUN_FIELDS)
        move(run, Status.QUEUED, "re-optimise this allocation")
        run.reoptimisations += 1
        run.progress, run.progress_message, run.error = 0.0, "", ""
        run.queued_at = timezone.now()
        run.save()
        record_change(
            actor, verbs.ALLOCATION_RUN_REOPTIMISED, run, before, snapshot(run, RUN_FIELDS)
        )
    enqueue(run)
    return run


def begin(run_id: int) -> AllocationRun | None:
    """Mark a queued run as running; None if it is not queued (already taken by a worker)."""
    with transaction.atomic():
        run = AllocationRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status != Status.QUEUED:
            return None
        before = snapshot(run, RUN_FIELDS)
        move(run, Status.RUNNING, "run the optimiser")
        run.save(update_fields=["status"])
        record_change(None, verbs.OPTIMISER_STARTED, run, before, snapshot(run, RUN_FIELDS))
    return run


def report_progress(run_id: int, fraction: float, message: str) -> None:
    write_progress(AllocationRun, run_id, fraction, message)


def write_progress(
    kind: type[AllocationRun] | type[NetworkRun], run_id: int, fraction: float, message: str
) -> None:
    """The optimiser's progress on a running run of either kind (tasks.Reporter throttles it)."""
    kind.objects.filter(pk=run_id, status=Status.RUNNING).update(
        progress=max(0.0, min(fraction, 1.0)), progress_message=message[:300]
    )


def fail(run_id: int, error: str) -> None:
    with transaction.atomic():
        run = AllocationRun.objects.select_for_update().get(pk=run_id)
        before = snapshot(run, RUN_FIELDS)
        move(run, Status.FAILED, "record the failure")
        run.error, run.finished_at = error[:2000], timezone.now()
        run.save()
        record_change(None, verbs.ALLOCATION_RUN_FAILED, run, before, snapshot(run, RUN_FIELDS))


def store_result(run_id: int, built: Built, result: Allocation | None, repaired: bool) -> None:
    """Replace the run's proposed places with the optimiser's answer."""
    with transaction.atomic():
        run = AllocationRun.objects.select_for_update().get(pk=run_id)
        before = snapshot(run, RUN_FIELDS)
        kept = set(run.places.filter(locked=True).values_list("review_id", "reviewer_id", "role"))
        on_team = {a.key for a in built.locked}
        run.places.all().delete()
        assignments = result.assignments if result else ()
        ProposedPlace.objects.bulk_create(
            ProposedPlace(
                run=run,
                review_id=a.review_id,
                reviewer_id=a.reviewer_id,
                role=a.role,
                score=round(a.score, 3),
                reasons=list(a.reasons) + built.notes.get((a.review_id, a.reviewer_id), []),
                locked=a.key in on_team or a.key in kept,
                on_team=a.key in on_team,
            )
            for a in assignments
        )
        store_backups(run, built, result)
        unfilled = [dated(dataclasses.asdict(u), built) for u in result.unfilled] if result else []
        run.unfilled = unfilled + built.left_out
        run.certificate = dataclasses.asdict(result.certificate) if result else None
        run.changed = result.changed if result and repaired else None
        move(run, Status.PROPOSED, "propose teams")
        run.progress, run.finished_at = 1.0, timezone.now()
        run.save()
        record_change(None, verbs.TEAMS_PROPOSED, run, before, snapshot(run, RUN_FIELDS))


def dated(gap: dict[str, Any], built: Built) -> dict[str, Any]:
    """The optimiser counts weeks from the run's first; a coordinator thinks in dates."""

    def monday(match: re.Match[str]) -> str:
        return f"the week of {week_monday(built, int(match[1])):%-d %B %Y}"

    return gap | {"reason": re.sub(r"\bweek (\d+)", monday, gap["reason"])}
