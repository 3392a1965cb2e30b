"""The background task of a network-wide run: one solve over every cluster's reviews in the
term with the network's reviewers, split into each cluster's part when it is done."""

import logging

from django.tasks import task

from collegium.allocation import InvalidInput, allocate
from collegium.allocations.network import network_reviews
from collegium.allocations.problem import build
from collegium.allocations.services import network
from collegium.allocations.tasks import Reporter

logger = logging.getLogger(__name__)


@task
def run_network_allocation(run_id: int) -> None:
    run = network.begin(run_id)
    if run is None:
        return
    try:
        built = build(None, rows=network_reviews(run.term, run.reviews))
        progress = Reporter(run_id, network.report_progress)
        result = (
            allocate(
                built.reviews,
                built.reviewers,
                locked=built.locked,
                progress=progress,
                pair_scores=built.pair_scores,
            )
            if built.reviews
            else None
        )
        network.store_parts(run_id, built, result)
    except InvalidInput as exc:  # a record breaks a rule: name it, as the optimiser does
        network.fail(run_id, f"The optimiser could not start: {exc}. Correct it and run it again.")
    except Exception as exc:  # a failure must reach the network admin, whatever it is
        logger.exception("Network allocation run %s failed", run_id)
        network.fail(run_id, f"The optimiser stopped with an error: {exc}")
