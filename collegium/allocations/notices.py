"""The notifications that ask a cluster's coordinator to act on allocations: when a reviewer
declines a place or leaves it unanswered (saying whether a backup was asked, the place is
empty, or the reviewer is still on the team), and when a network-wide run's part for their
cluster is ready to accept. Their home page lists the same to-dos (todos.py)."""

from django.db.models import QuerySet

from collegium.accounts.models import User
from collegium.allocations.models import AllocationRun, PlaceRequest
from collegium.links import site_link
from collegium.notifications.services import notify
from collegium.people.models import Role
from collegium.words import lower_first

EMPTY, BACKUP_ASKED, STILL_ON_TEAM = "empty", "backup", "still-on-team"


def coordinators(cluster_id: int) -> QuerySet[User]:
    return User.objects.filter(
        role_grants__role=Role.CLUSTER_COORDINATOR,
        role_grants__cluster_id=cluster_id,
        is_active=True,
    )


def place_not_taken(request: PlaceRequest, backup: PlaceRequest | None, outcome: str) -> None:
    """`outcome`: BACKUP_ASKED (`backup` is their request), EMPTY or STILL_ON_TEAM."""
    review = request.review
    role = lower_first(request.get_role_display())
    school = review.school.name
    if outcome == EMPTY:
        subject = f"Find a {role} for the review of {school}"
        link = site_link("allocations:run", request.run_id)
    elif outcome == STILL_ON_TEAM:
        subject = f"Change the team for the review of {school}"
        link = site_link("reviews:team", review.pk)
    else:
        subject = f"A backup is asked to take a place on the review of {school}"
        link = site_link("reviews:team", review.pk)
    notify(
        coordinators(request.run.cluster_id),
        "place-not-taken",
        subject=subject,
        context={
            "request": request,
            "role": role,
            "declined": request.status == PlaceRequest.Status.DECLINED,
            "backup": backup,
            "outcome": outcome,
        },
        link=link,
    )


def part_ready(part: AllocationRun) -> None:
    term = part.network_run.term  # type: ignore[union-attr]
    notify(
        coordinators(part.cluster_id),
        "network-part-ready",
        subject=(
            f"Accept your cluster's part of the network allocation for the "
            f"{lower_first(term.label)}"
        ),
        context={"part": part, "term": term, "cluster": part.cluster},
        link=site_link("allocations:run", part.pk),
    )
