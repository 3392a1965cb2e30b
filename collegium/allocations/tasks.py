"""The background task that runs the optimiser (Django tasks; `make run` starts a worker)."""

import logging
import time
from collections.abc import Callable

from django.tasks import task

from collegium.allocation import (
    Allocation,
    Assignment,
    Certificate,
    InvalidInput,
    allocate,
    repair,
)
from collegium.allocations.models import AllocationRun
from collegium.allocations.network import held_elsewhere, part_rows
from collegium.allocations.problem import Built, build
from collegium.allocations.services import runs

logger = logging.getLogger(__name__)
EVERY_SECONDS = 0.5  # progress is written at most this often


class Reporter:
    """The optimiser's progress callback: writes to the run row, throttled (`write` is the
    network-wide run's for one)."""

    def __init__(self, run_id: int, write: Callable[[int, float, str], None] | None = None) -> None:
        self.run_id, self.last, self.write = run_id, 0.0, write

    def __call__(self, fraction: float, message: str) -> None:
        now = time.monotonic()
        if now - self.last >= EVERY_SECONDS or fraction >= 1.0:
            self.last = now
            (self.write or runs.report_progress)(self.run_id, fraction, message)


@task
def run_allocation(run_id: int) -> None:
    run = runs.begin(run_id)
    if run is None:
        return
    try:
        rows = part_rows(run)
        built = build(run.cluster, run.excluded + held_elsewhere(run, rows), rows=rows)
        result = solve(run, built, Reporter(run_id)) if built.reviews else None
        runs.store_result(run_id, built, result, repaired=run.reoptimisations > 0)
    except InvalidInput as exc:  # a record breaks a rule: name it, as the optimiser does
        runs.fail(run_id, f"The optimiser could not start: {exc}. Correct it and run it again.")
    except Exception as exc:  # a failure must reach the coordinator, whatever it is
        logger.exception("Allocation run %s failed", run_id)
        runs.fail(run_id, f"The optimiser stopped with an error: {exc}")


def solve(run: AllocationRun, built: Built, progress: Reporter) -> Allocation:
    if run.reoptimisations == 0 or not run.certificate:
        return allocate(
            built.reviews,
            built.reviewers,
            locked=built.locked,
            progress=progress,
            pair_scores=built.pair_scores,
        )
    places = list(run.places.all())
    previous = Allocation(
        assignments=tuple(Assignment(p.review_id, p.reviewer_id, p.role) for p in places),
        unfilled=(),
        certificate=Certificate(**run.certificate),
    )
    locked = {a.key: a for a in built.locked}
    reviews, reviewers = {r.id for r in built.reviews}, {v.id for v in built.reviewers}
    for p in places:
        if p.locked and p.review_id in reviews and p.reviewer_id in reviewers:
            locked.setdefault((p.review_id, p.reviewer_id, p.role), _assignment(p))
    # A network run's part holds the whole network's bound: a "move" (each review to its own
    # week) makes repair work out the cluster's.
    moved = {r.id: r.week for r in built.reviews} if run.network_run_id else None
    return repair(
        previous,
        built.reviews,
        built.reviewers,
        moved=moved,
        locked=locked.values(),
        progress=progress,
        pair_scores=built.pair_scores,
    )


def _assignment(place) -> Assignment:  # type: ignore[no-untyped-def]
    return Assignment(place.review_id, place.reviewer_id, place.role)
