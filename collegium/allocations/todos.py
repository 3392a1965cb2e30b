"""What the home page asks of people about allocations (collegium/todo.py): a reviewer confirms
or declines each place an accepted run offered them; a coordinator accepts (or changes) their
cluster's part of a network-wide run, finds a reviewer for a place that was declined or left
unanswered when no backup could take it, and changes the team by hand when a declined or
unanswered place could not be freed (services/consent.py). A request whose member the
coordinator removed or replaced, whose review was cancelled or whose due date has passed is
closed: no longer the reviewer's to-do."""

from datetime import date

from django.db.models import F
from django.urls import reverse

from collegium import access
from collegium.allocations.models import AllocationRun, PlaceRequest
from collegium.reviews.models import Review, TeamMember
from collegium.reviews.services.planning_types import review_type
from collegium.todo import ToDo
from collegium.types import Person
from collegium.words import lower_first


def to_dos(user: Person, today: date) -> list[ToDo]:
    roles = access.roles_of(user)
    mine = _for_reviewer(roles.reviewer_id, today) if roles.reviewer_id else []
    return (
        mine
        + _parts_to_accept(roles.coordinates)
        + _for_coordinators(roles.coordinates)
        + _places_to_free(roles.coordinates)
    )


def _for_reviewer(reviewer_id: int, today: date) -> list[ToDo]:
    asked = PlaceRequest.objects.filter(
        reviewer_id=reviewer_id,
        status=PlaceRequest.Status.ASKED,
        due__gte=today,  # after it, the place is offered to someone else
        member__reviewer_id=F("reviewer_id"),  # not closed by a change to the team
        review__status=Review.Status.PLANNING,  # nor by cancelling the review
    ).select_related("review__school", "reviewer")
    return [
        ToDo(
            f"Confirm or decline your place as {lower_first(r.get_role_display())} on the "
            f"{lower_first(r.review.get_kind_display())} of {r.review.school.name}",
            reverse("allocations:place", args=[r.pk]),
            "reviewer.answer_place",
            r.reviewer,
            r.due,
        )
        for r in asked.order_by("due", "pk")
    ]


def _parts_to_accept(clusters: frozenset[int]) -> list[ToDo]:
    """The newest proposed part of a network-wide run for each of the clusters and terms."""
    if not clusters:
        return []
    parts = (
        AllocationRun.objects.filter(
            cluster_id__in=clusters,
            network_run__isnull=False,
            status=AllocationRun.Status.PROPOSED,
        )
        .select_related("network_run__term")
        .order_by("-network_run__queued_at", "-pk")
    )
    found, seen = [], set()
    for part in parts:
        term = part.network_run.term  # type: ignore[union-attr]
        if (part.cluster_id, term.pk) in seen:
            continue
        seen.add((part.cluster_id, term.pk))
        found.append(
            ToDo(
                "Accept or change your cluster's part of the network allocation for the "
                f"{lower_first(term.label)}",
                reverse("allocations:run", args=[part.pk]),
                "allocation.run",
                part,
                None,
            )
        )
    return found


def _for_coordinators(clusters: frozenset[int]) -> list[ToDo]:
    if not clusters:
        return []
    empty = (
        PlaceRequest.objects.filter(run__cluster_id__in=clusters, review__status="planning")
        .exclude(unfilled_reason="")
        .select_related("review__school", "run__cluster")
        .order_by("review__start_date", "pk")
    )
    found, seen = [], set()
    for request in empty:
        key = (request.review_id, request.role)
        if key in seen or not is_short(request.review, request.role):
            continue
        seen.add(key)
        role = lower_first(request.get_role_display())
        found.append(
            ToDo(
                f"Find a {role} for the review of {request.review.school.name}: "
                f"{request.reviewer} could not take the place and no backup could",
                reverse("allocations:run", args=[request.run_id]),
                "allocation.run",
                request.run,
                request.review.start_date,
            )
        )
    return found


def _places_to_free(clusters: frozenset[int]) -> list[ToDo]:
    """Places declined or unanswered whose reviewer is still on the team: the team could not
    change (services/consent.py), so the coordinator changes it by hand."""
    if not clusters:
        return []
    stuck = (
        PlaceRequest.objects.filter(
            run__cluster_id__in=clusters,
            review__status=Review.Status.PLANNING,
            status__in=[PlaceRequest.Status.DECLINED, PlaceRequest.Status.TIMED_OUT],
            member__reviewer_id=F("reviewer_id"),
        )
        .select_related("review__school", "reviewer__user")
        .order_by("review__start_date", "pk")
    )
    return [
        ToDo(
            f"Change the team for the review of {r.review.school.name}: {r.reviewer} "
            f"{'declined' if r.status == PlaceRequest.Status.DECLINED else 'did not confirm'} "
            f"their place as {lower_first(r.get_role_display())} but is still on the team",
            reverse("reviews:team", args=[r.review_id]),
            "review.manage_team",
            r.review,
            r.review.start_date,
        )
        for r in stuck
    ]


def is_short(review: Review, role: str) -> bool:
    """Whether the review's team still lacks a member in this role."""
    team = TeamMember.objects.filter(review=review, role=role).count()
    need = 1 if role == TeamMember.Role.LEAD else review_type(review).min_peers
    return review.status == Review.Status.PLANNING and team < need
