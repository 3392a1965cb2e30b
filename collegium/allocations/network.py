"""What a network-wide run covers (issue 21 part 2): a term's reviews in every cluster that
still need a team, of the kinds the run is for, solved as one problem so the network's
reviewers are shared across clusters. Each cluster's share becomes an AllocationRun `part`."""

from typing import Any

from collegium.allocations.models import AllocationRun, NetworkRun, ProposedPlace
from collegium.allocations.problem import reviews_in_scope
from collegium.people.dates import monday_of
from collegium.reviews.models import Review as ReviewRow
from collegium.termdates.models import SchoolTerm

Kind = ReviewRow.Kind
KINDS: dict[str, list[str]] = {
    NetworkRun.Reviews.QUALITY_ASSURANCE: [Kind.QUALITY_ASSURANCE],
    NetworkRun.Reviews.ALLOCATED: [Kind.QUALITY_ASSURANCE, Kind.CLUSTER],
}
# The access action that starts a run over each choice of reviews.
ACTIONS: dict[str, str] = {
    NetworkRun.Reviews.QUALITY_ASSURANCE: "allocation.network_qa",
    NetworkRun.Reviews.ALLOCATED: "allocation.network",
}


def scope(term: SchoolTerm, reviews: str) -> dict[str, Any]:
    """The filters of a run's reviews: those starting in the term, of the run's kinds."""
    return {"start_date__range": (term.first_day, term.last_day), "kind__in": KINDS[reviews]}


def network_reviews(term: SchoolTerm, reviews: str) -> list[ReviewRow]:
    """Every cluster's reviews in the term that need a team (a review in no cluster has none
    to coordinate it, so it is not allocated)."""
    return reviews_in_scope(None, cluster__isnull=False, **scope(term, reviews))


def part_rows(run: AllocationRun) -> list[ReviewRow] | None:
    """A network run's part re-optimises only its own cluster's share; None for a cluster run."""
    whole = run.network_run
    if whole is None:
        return None
    return reviews_in_scope(run.cluster, **scope(whole.term, whole.reviews))


def open_terms(today: Any) -> Any:
    """The terms a run may be for: those not yet over."""
    return SchoolTerm.objects.filter(last_day__gte=today).order_by("first_day")


def held_elsewhere(run: AllocationRun, rows: list[ReviewRow] | None) -> list[list[int]]:
    """(review, reviewer) pairs a part's re-optimisation must not make: reviewers proposed in
    another cluster's part that is not yet accepted, for a review starting the same week (an
    accepted part's places are team places, which the build already counts)."""
    if run.network_run_id is None or not rows:
        return []
    weeks = {row.pk: monday_of(row.start_date) for row in rows}
    held = ProposedPlace.objects.filter(
        run__network_run_id=run.network_run_id, run__status=AllocationRun.Status.PROPOSED
    ).exclude(run=run)
    elsewhere = held.values_list("reviewer_id", "review__start_date")
    busy = {(reviewer, monday_of(start)) for reviewer, start in elsewhere}
    return [[pk, reviewer] for pk, week in weeks.items() for reviewer, w in busy if w == week]
