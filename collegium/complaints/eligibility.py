"""Who may handle stage 2 or 3 of a complaint: a person with no connection to it.

Stage 2 is a review by a moderator not connected to the review, stage 3 a hearing by an adjudicator
with no tie to the review, its cluster or the school. A person is connected to the review when they
are on its team, moderated it (Q1), coordinate its cluster (so resolved stage 1), handled an earlier
stage of this complaint, lead or govern the reviewed school, or have a conflict of interest with
the school under the reviewer register's rules (people/conflicts.py: home school, same trust,
former employment, its staff reviewed their home school, declared), which apply to anyone with a
reviewer record. For the hearing the cluster counts too: leading or governing any school in it, or
a home school in it.
"""

from datetime import date

from django.db.models import QuerySet

from collegium.accounts.models import User
from collegium.clusters.models import Membership
from collegium.complaints.models import Complaint, Stage
from collegium.people.conflicts import has_conflict
from collegium.people.models import ReviewerProfile, Role, RoleGrant
from collegium.quality.models import Moderation
from collegium.reviews.models import Review, TeamMember

ROLE_FOR: dict[int, Role] = {
    Stage.Number.REVIEW: Role.MODERATOR,
    Stage.Number.HEARING: Role.ADJUDICATOR,
}
ROLE_NAMES = {Role.MODERATOR: "a moderator", Role.ADJUDICATOR: "an adjudicator"}
SCHOOL_ROLES = {Role.SCHOOL_LEADER: "a leader", Role.GOVERNOR: "a governor"}


def ties_to(user: User, complaint: Complaint, number: int, today: date | None = None) -> list[str]:
    """Why the person may not handle the stage, each as "they …"; empty when they may."""
    review = complaint.review
    reasons = _missing_role(user, number)
    reasons += _review_ties(user, review)
    reasons += _earlier_stages(user, complaint, number)
    reasons += _school_ties(user, review, today)
    if number == Stage.Number.HEARING:
        reasons += _cluster_ties(user, review)
    return reasons


def role_holders(number: int) -> QuerySet[User]:
    """Everyone holding the role that handles the stage, by name."""
    return (
        User.objects.filter(role_grants__role=ROLE_FOR[number], is_active=True)
        .distinct()
        .order_by("full_name", "pk")
    )


def eligible_handlers(complaint: Complaint, number: int) -> list[User]:
    return [user for user in role_holders(number) if not ties_to(user, complaint, number)]


def _missing_role(user: User, number: int) -> list[str]:
    role = ROLE_FOR[number]
    if RoleGrant.objects.filter(user=user, role=role).exists():
        return []
    return [f"they are not {ROLE_NAMES[role]}"]


def _review_ties(user: User, review: Review) -> list[str]:
    reasons = []
    if TeamMember.objects.filter(review=review, reviewer__user=user).exists():
        reasons.append("they are on the review's team")
    if Moderation.objects.filter(review=review, moderator=user).exists():
        reasons.append("they moderated the review")
    coordinates = RoleGrant.objects.filter(user=user, role=Role.CLUSTER_COORDINATOR)
    if review.cluster_id and coordinates.filter(cluster_id=review.cluster_id).exists():
        reasons.append("they coordinate the review's cluster")
    return reasons


def _earlier_stages(user: User, complaint: Complaint, number: int) -> list[str]:
    handled = complaint.stages.filter(number__lt=number, handler=user).values_list(
        "number", flat=True
    )
    return [f"they handled stage {n} of this complaint" for n in handled]


def _school_ties(user: User, review: Review, today: date | None) -> list[str]:
    school = review.school
    grants = RoleGrant.objects.filter(user=user, school=school, role__in=SCHOOL_ROLES)
    reasons = [f"they are {SCHOOL_ROLES[Role(g.role)]} of {school.name}" for g in grants]
    profile = ReviewerProfile.objects.filter(user=user).select_related("home_school").first()
    conflict = has_conflict(profile, school, today) if profile else None
    if conflict:
        reasons.append(f"they have a conflict of interest with {school.name}: {conflict}")
    return reasons


def _cluster_ties(user: User, review: Review) -> list[str]:
    if review.cluster_id is None:
        return []
    members = Membership.objects.filter(
        cluster_id=review.cluster_id, status=Membership.Status.MEMBER
    ).exclude(school_id=review.school_id)
    school_ids = members.values("school_id")
    grants = RoleGrant.objects.filter(
        user=user, school_id__in=school_ids, role__in=SCHOOL_ROLES
    ).select_related("school")
    reasons = [
        f"they are {SCHOOL_ROLES[Role(g.role)]} of {g.school.name}, in the review's cluster"
        for g in grants
        if g.school is not None
    ]
    homes = ReviewerProfile.objects.filter(user=user, home_school_id__in=school_ids)
    reasons += [
        f"their home school, {p.home_school.name}, is in the review's cluster"
        for p in homes.select_related("home_school")
    ]
    return reasons
