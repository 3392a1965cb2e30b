"""Reads of the reviewer register, shaped for each page."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.http import Http404
from django.utils import timezone

from collegium import access
from collegium.accounts.models import User
from collegium.people.conflicts import conflicts_for
from collegium.people.dates import coming_mondays, current_academic_year, monday_of, today
from collegium.people.models import (
    Accreditation,
    CapacityApproval,
    HeadInvitation,
    ReviewerProfile,
    Role,
    RoleGrant,
)
from collegium.types import Person


def _current_accreditation(on: date) -> QuerySet[Accreditation]:
    return Accreditation.objects.filter(
        reviewer=OuterRef("pk"), granted_on__lte=on, expires_on__gt=on, revoked_on__isnull=True
    )


def public_reviewers(phase: str = "", lead: str = "") -> QuerySet[ReviewerProfile]:
    """The register for the public list, optionally by phase and by lead-reviewer status."""
    reviewers = ReviewerProfile.objects.select_related("user", "home_school").annotate(
        is_lead=Exists(_current_accreditation(today()))
    )
    if phase:
        # JSON containment is not available on SQLite; the quoted value matches one element.
        reviewers = reviewers.filter(phases__icontains=f'"{phase}"')
    if lead in {"yes", "no"}:
        reviewers = reviewers.filter(is_lead=lead == "yes")
    return reviewers.order_by("user__full_name", "pk")


@dataclass(frozen=True)
class AccreditationStatus:
    text: str
    colour: str  # a govuk-tag modifier
    current: Accreditation | None  # the accreditation a moderator would revoke


def accreditation_status(accreditations: list[Accreditation], on: date) -> AccreditationStatus:
    """The reviewer's standing as a lead reviewer, from their accreditations newest first."""
    states = {a.state(on): a for a in reversed(accreditations)}  # the newest of each state
    if current := states.get("current"):
        text = f"Lead reviewer until {current.expires_on:%-d %B %Y}"
        return AccreditationStatus(text, "green", current)
    if future := states.get("future"):
        return AccreditationStatus(f"Accredited from {future.granted_on:%-d %B %Y}", "blue", future)
    if not accreditations:
        return AccreditationStatus("Not accredited", "grey", None)
    latest = accreditations[0]
    if latest.state(on) == "revoked" and latest.revoked_on is not None:
        return AccreditationStatus(f"Revoked on {latest.revoked_on:%-d %B %Y}", "red", None)
    return AccreditationStatus(f"Expired on {latest.expires_on:%-d %B %Y}", "yellow", None)


def profile_page(profile: ReviewerProfile) -> dict[str, Any]:
    """What the public transparency profile shows (P2): nothing private."""
    accreditations = list(
        profile.accreditations.select_related("granted_by", "revoked_by").order_by("-granted_on")
    )
    reviews = profile.past_reviews.aggregate(
        done=Count("pk"), led=Count("pk", filter=Q(as_lead=True))
    )
    # Reviews done in Collegium count as well as those recorded from before it.
    places = profile.team_places.filter(review__status="closed").aggregate(
        done=Count("pk"), led=Count("pk", filter=Q(role="lead"))
    )
    return {
        "profile": profile,
        "training": list(profile.training.order_by("-completed_on")),
        "accreditations": accreditations,
        "status": accreditation_status(accreditations, today()),
        "reviews_done": reviews["done"] + places["done"],
        "reviews_led": reviews["led"] + places["led"],
    }


def record_page(profile: ReviewerProfile) -> dict[str, Any]:
    """The full register entry: the profile plus capacity, availability and conflicts."""
    this_monday = monday_of(today())
    return profile_page(profile) | {
        "approvals": list(
            profile.capacity_approvals.select_related("approved_by", "withdrawn_by").order_by(
                "-academic_year", "-approved_at"
            )
        ),
        "weeks": list(profile.available_weeks.filter(week_starting__gte=this_monday)),
        "blackouts": list(profile.blackouts.filter(ends_on__gte=today())),
        "declared": list(profile.declared_conflicts.select_related("school")),
        "employment": list(profile.former_employment.select_related("school")),
        "past_reviews": list(profile.past_reviews.select_related("school")),
        "conflicts": conflicts_for(profile),
        "current_year": current_academic_year(),
        "home_school_leaderless": bool(schools_without_leader([profile.home_school_id])),
        "only_leader_is_reviewer": _only_leader_is_reviewer(profile),
    }


def _only_leader_is_reviewer(profile: ReviewerProfile) -> bool:
    """The reviewer leads their home school and nobody else does: they may not approve their
    own days, so a network admin may."""
    leaders = RoleGrant.objects.filter(
        role=Role.SCHOOL_LEADER, school_id=profile.home_school_id, user__is_active=True
    ).values_list("user_id", flat=True)
    return set(leaders) == {profile.user_id}


def offered_weeks(profile: ReviewerProfile) -> tuple[list[date], list[date]]:
    """The weeks a reviewer can mark as available, and those already marked among them."""
    weeks = coming_mondays()
    chosen = profile.available_weeks.filter(week_starting__in=weeks).values_list(
        "week_starting", flat=True
    )
    return weeks, list(chosen)


REMOVABLE = {
    "training": "training",
    "blackout": "blackouts",
    "conflict": "declared_conflicts",
    "employment": "former_employment",
    "review": "past_reviews",
}


def item_of(profile: ReviewerProfile, kind: str, pk: int) -> Any:
    """One entry of the profile's register of the given kind; 404 if it is not theirs."""
    if kind not in REMOVABLE:
        raise Http404
    return access.get_part(getattr(profile, REMOVABLE[kind]).all(), pk=pk)


def _approved(year: int, field: str) -> Subquery:
    approvals = CapacityApproval.objects.filter(
        reviewer=OuterRef("pk"), academic_year=year, withdrawn_at__isnull=True
    )
    return Subquery(approvals.values(field)[:1], output_field=IntegerField())


def staff_of(user: Person) -> QuerySet[ReviewerProfile]:
    """Reviewers employed by a school the person leads, with this year's approved days."""
    leads = access.roles_of(user).leads
    year = current_academic_year()
    return (
        ReviewerProfile.objects.filter(home_school_id__in=leads)
        .select_related("user", "home_school")
        .annotate(
            days=_approved(year, "days"),
            approval_id=_approved(year, "pk"),
            next_days=_approved(year + 1, "days"),
            next_approval_id=_approved(year + 1, "pk"),
        )
        .order_by("home_school__name", "user__full_name")
    )


def current_approvals(profile: ReviewerProfile) -> list[CapacityApproval]:
    return list(
        profile.capacity_approvals.filter(
            withdrawn_at__isnull=True, academic_year__gte=current_academic_year()
        ).order_by("academic_year")
    )


def approval_of(profile: ReviewerProfile, pk: int) -> CapacityApproval:
    return access.get_part(profile.capacity_approvals.filter(withdrawn_at__isnull=True), pk=pk)


def accreditation_register() -> QuerySet[ReviewerProfile]:
    """Every reviewer with their accreditations (newest first) and training count."""
    return (
        ReviewerProfile.objects.select_related("user", "home_school")
        .prefetch_related(
            Prefetch("accreditations", queryset=Accreditation.objects.order_by("-granted_on"))
        )
        .annotate(training_count=Count("training"))
        .order_by("user__full_name", "pk")
    )


def people_with_roles(q: str = "") -> QuerySet[User]:
    people = User.objects.prefetch_related(
        Prefetch("role_grants", queryset=RoleGrant.objects.select_related("school", "cluster"))
    ).select_related("reviewer_profile")
    if q.strip():
        people = people.filter(Q(full_name__icontains=q.strip()) | Q(email__icontains=q.strip()))
    return people.order_by("full_name", "pk")


def school_leaders(school_id: int) -> QuerySet[User]:
    """The school's active leaders, by name: who hears about, and acts for, the school."""
    return User.objects.filter(
        role_grants__role=Role.SCHOOL_LEADER, role_grants__school_id=school_id, is_active=True
    ).order_by("full_name")


def schools_without_leader(urns: Iterable[int]) -> set[int]:
    """The schools, of these URNs, with no school leader holding an open Collegium account:
    nobody there can answer a cluster invitation or approve a reviewer's days."""
    wanted = set(urns)
    led = RoleGrant.objects.filter(
        role=Role.SCHOOL_LEADER, school_id__in=wanted, user__is_active=True
    ).values_list("school_id", flat=True)
    return wanted - set(led)


def pending_head_invitations(memberships: Iterable[int]) -> dict[int, HeadInvitation]:
    """Of these cluster invitations, those whose head was sent a link not yet accepted nor
    expired: the newest link of each."""
    since = timezone.now() - timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    waiting = HeadInvitation.objects.filter(
        membership_id__in=list(memberships), accepted_at__isnull=True, invited_at__gte=since
    )
    return {link.membership_id: link for link in waiting.select_related("person").order_by("pk")}
