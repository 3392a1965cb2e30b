"""Reads for the allocation pages, scoped by the access rule allocation.run."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from collegium.allocations.models import AllocationRun, ProposedPlace
from collegium.clusters.models import Cluster
from collegium.people.dates import current_academic_year
from collegium.people.models import ReviewerProfile
from collegium.reviews.models import Review

RULE_COUNT_TEXT = "every hard rule was checked again on the final teams"


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
    return AllocationRun.objects.filter(cluster=cluster).select_related("created_by")


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


def certificate_lines(cert: dict[str, Any] | None) -> list[tuple[str, str]]:
    """The quality certificate in words, as summary-list rows."""
    if not cert:
        return []
    broken = {rule: n for rule, n in cert["hard_violations"].items() if n}
    return [
        (
            "Score",
            f"{cert['score']:.2f}: every member's score, less the cost of uneven load "
            "and of empty places",
        ),
        ("Best possible score", f"{cert['lp_bound']:.2f} at most (the linear relaxation bound)"),
        ("Gap to the best possible", f"{cert['gap'] * 100:.2f}%"),
        ("Hard rules broken", _broken_text(broken, len(cert["hard_violations"]))),
        (
            "Worst-off review",
            f"Team score {cert['worst_review_score']:.2f}, where the best it "
            f"could have on its own is {cert['worst_review_bound']:.2f}",
        ),
        (
            "Load spread",
            f"{cert['load_spread']:.2f} reviews (standard deviation of reviews per reviewer)",
        ),
        ("Empty places", str(cert["unfilled_slots"])),
        (
            "Work done",
            f"{cert['candidate_pairs']} reviewer and review pairs met the pair rules; "
            f"solved in {cert['seconds']:.1f} seconds",
        ),
    ]


def _broken_text(broken: dict[str, int], checked: int) -> str:
    if not broken:
        return f"0: all {checked} hard rules checked on every team"
    return "; ".join(f"{rule}: {n}" for rule, n in broken.items())


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
