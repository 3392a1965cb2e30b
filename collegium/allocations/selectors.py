"""Reads for the allocation pages, scoped by the access rule allocation.run."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from collegium.allocations.models import AllocationRun, NetworkRun, ProposedPlace
from collegium.allocations.wording import EmptyPlace, empty_count, places_of
from collegium.clusters.models import Cluster
from collegium.people.dates import current_academic_year
from collegium.people.models import ReviewerProfile
from collegium.reviews.models import Review


def place_for(run: AllocationRun, pk: int) -> ProposedPlace:
    place = (
        run.places.select_related("review__school", "reviewer__user", "reviewer__home_school")
        .filter(pk=pk)
        .first()
    )
    if place is None:
        raise Http404
    return place


def runs_of(cluster: Cluster) -> QuerySet[AllocationRun]:
    found = AllocationRun.objects.filter(cluster=cluster)
    return found.select_related("created_by", "network_run__term")


@dataclass
class ProposedTeam:
    review: Review
    places: list[ProposedPlace] = field(default_factory=list)
    unfilled: list[dict[str, Any]] = field(default_factory=list)

    @property
    def score(self) -> float:
        return sum(p.score for p in self.places)


def proposal(run: AllocationRun) -> list[ProposedTeam]:
    """Each review's proposed team and its empty places, in date order."""
    places = list(
        run.places.select_related("reviewer__user", "reviewer__home_school").order_by(
            "role", "reviewer__user__full_name"
        )
    )
    ids = {p.review_id for p in places} | {u["review_id"] for u in run.unfilled}
    reviews = Review.objects.filter(pk__in=ids).select_related("school")
    teams = {r.pk: ProposedTeam(r) for r in reviews.order_by("start_date", "school__name")}
    for place in places:
        teams[place.review_id].places.append(place)
    for gap in run.unfilled:
        if gap["review_id"] in teams:
            teams[gap["review_id"]].unfilled.append(gap)
    return list(teams.values())


def swap_choices(place: ProposedPlace) -> list[ReviewerProfile]:
    """Reviewers whose school approved days this year, other than the place's reviewer."""
    year = current_academic_year(place.review.start_date)
    return list(
        ReviewerProfile.objects.filter(
            capacity_approvals__academic_year=year,
            capacity_approvals__withdrawn_at__isnull=True,
            capacity_approvals__days__gt=0,
            user__is_active=True,
        )
        .exclude(pk=place.reviewer_id)
        .select_related("user", "home_school")
        .order_by("user__full_name")
        .distinct()
    )


def unfilled_text(gap: dict[str, Any]) -> str:
    if not gap["slots"]:
        return str(gap["reason"])
    role = "lead reviewer" if gap["role"] == "lead" else "peer reviewer"
    places = "place" if gap["slots"] == 1 else "places"
    return f"{gap['slots']} {role} {places} empty: {gap['reason']}"


def network_runs() -> QuerySet[NetworkRun]:
    return NetworkRun.objects.select_related("term", "created_by")


@dataclass
class Part:
    """A cluster's share of a network-wide run, as the network run page lists it."""

    run: AllocationRun
    reviews: int
    empty_places: list[EmptyPlace]
    may_open: bool

    @property
    def empty(self) -> int:
        return empty_count(self.run.unfilled)


def network_parts(run: NetworkRun, may_open: Callable[[AllocationRun], bool]) -> list[Part]:
    """Each cluster's part with its empty places: those with empty places first, then by name."""
    parts = list(run.parts.select_related("cluster", "network_run").order_by("cluster__name"))
    gaps = [gap for part in parts for gap in part.unfilled]
    reviews = Review.objects.filter(pk__in={g["review_id"] for g in gaps}).select_related("school")
    found = reviews.in_bulk()
    counted = ProposedPlace.objects.filter(run__in=parts).values_list("run_id", "review_id")
    teams: dict[int, set[int]] = defaultdict(set)
    for run_id, review_id in counted:
        teams[run_id].add(review_id)
    listed = [
        Part(
            part,
            len(teams[part.pk] | {g["review_id"] for g in part.unfilled}),
            places_of(part.unfilled, found),
            may_open(part),
        )
        for part in parts
    ]
    return sorted(listed, key=lambda p: (not p.empty and not p.empty_places, p.run.cluster.name))
