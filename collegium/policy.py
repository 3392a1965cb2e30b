"""The access policy: who may do what, object by object.

The role × action table is collegium/rules.py; this module answers from it. `can` and
`require` answer for one person, one action and (for scoped rights) one object, through the
scope check each cell names. Code outside the access modules imports
these through collegium.access; fetching an object for a person is collegium/lookups.py.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied

from collegium.accounts.models import User
from collegium.clusters.models import Cluster, Membership
from collegium.complaints.models import Complaint
from collegium.people.models import ReviewerProfile, Role, RoleGrant
from collegium.reports.models import Report
from collegium.reviews.models import Review, TeamMember
from collegium.rules import (
    ADJUDICATOR,
    AGREED_OWN_SCHOOL,
    ANY,
    ASKED,
    ASSIGNED,
    COORDINATOR,
    EITHER_SCHOOL,
    GOVERNOR,
    GRANTED,
    HANDLES,
    HOME_SCHOOL,
    LEAD_REVIEWER,
    LEADS,
    MEMBER_SCHOOL,
    MODERATOR,
    NETWORK_ADMIN,
    ON_TEAM,
    OWN_CLUSTER,
    OWN_SCHOOL,
    PUBLIC,
    REVIEWER,
    RULES,
    SAFEGUARDING_LEAD,
    SCHOOL_LEADER,
    SELF,
    SHARED_FOR_OVERSIGHT,
    SHARED_FOR_REVIEW,
    SIGNED_IN,
)
from collegium.safeguarding.models import AuditShare, SafeguardingAudit
from collegium.schools.models import School
from collegium.support.models import SupportRequest
from collegium.types import Person


@dataclass(frozen=True)
class Roles:
    """Everything access decisions need to know about one person, read once per request."""

    signed_in: bool = False
    user_id: int | None = None
    leads: frozenset[int] = frozenset()  # school URNs where they are a school leader
    governs: frozenset[int] = frozenset()
    coordinates: frozenset[int] = frozenset()  # cluster ids
    network: frozenset[str] = frozenset()  # moderator / adjudicator / network_admin
    reviewer_id: int | None = None
    is_lead_reviewer: bool = False
    clusters_led: frozenset[int] = frozenset()  # clusters that schools they lead belong to
    clusters_governed: frozenset[int] = frozenset()
    safeguards: frozenset[int] = frozenset()  # school URNs where they are the safeguarding lead

    def columns(self) -> set[str]:
        held = {PUBLIC}
        if self.signed_in:
            held.add(SIGNED_IN)
        held |= {SCHOOL_LEADER} if self.leads else set()
        held |= {GOVERNOR} if self.governs else set()
        held |= {COORDINATOR} if self.coordinates else set()
        held |= {REVIEWER} if self.reviewer_id else set()
        held |= {LEAD_REVIEWER} if self.is_lead_reviewer else set()
        names = {
            Role.MODERATOR: MODERATOR,
            Role.ADJUDICATOR: ADJUDICATOR,
            Role.NETWORK_ADMIN: NETWORK_ADMIN,
        }
        held |= {column for role, column in names.items() if role in self.network}
        return held


# The attribute of the request's user object that keeps their roles for the request.
KEPT_ROLES = "_collegium_roles"


def roles_of(user: Person | None) -> Roles:
    if not isinstance(user, User):  # no one, or a visitor who has not signed in
        return Roles()
    cached: Roles | None = getattr(user, KEPT_ROLES, None)
    if cached is None:
        cached = _load_roles(user)
        setattr(user, KEPT_ROLES, cached)
    return cached


def forget_roles(user: Person) -> None:
    """Call after changing someone's roles within a request."""
    if hasattr(user, KEPT_ROLES):
        delattr(user, KEPT_ROLES)


def _load_roles(user: User) -> Roles:
    grants = list(
        RoleGrant.objects.filter(user=user).values_list("role", "school_id", "cluster_id")
    )
    leads = frozenset(s for r, s, _ in grants if r == Role.SCHOOL_LEADER)
    governs = frozenset(s for r, s, _ in grants if r == Role.GOVERNOR)
    profile = ReviewerProfile.objects.filter(user=user).first()
    memberships = list(
        Membership.objects.filter(
            school_id__in=leads | governs, status=Membership.Status.MEMBER
        ).values_list("school_id", "cluster_id")
    )
    return Roles(
        signed_in=True,
        user_id=user.pk,
        leads=leads,
        governs=governs,
        coordinates=frozenset(c for r, _, c in grants if r == Role.CLUSTER_COORDINATOR),
        network=frozenset(
            r for r, _, _ in grants if r in {Role.MODERATOR, Role.ADJUDICATOR, Role.NETWORK_ADMIN}
        ),
        reviewer_id=profile.pk if profile else None,
        is_lead_reviewer=bool(profile and is_accredited_lead(profile)),
        clusters_led=frozenset(c for s, c in memberships if s in leads),
        clusters_governed=frozenset(c for s, c in memberships if s in governs),
        safeguards=frozenset(s for r, s, _ in grants if r == Role.SAFEGUARDING_LEAD),
    )


def is_accredited_lead(profile: ReviewerProfile, on: date | None = None) -> bool:
    on = on or date.today()
    return profile.accreditations.filter(
        granted_on__lte=on, expires_on__gt=on, revoked_on__isnull=True
    ).exists()


def _review_of(obj: Any) -> Review | None:
    if isinstance(obj, Review):
        return obj
    review = getattr(obj, "review", None)  # a report, an evidence note, a concern…
    return review if isinstance(review, Review) else None


def _clusters_of(obj: Any) -> set[int]:
    if isinstance(obj, Cluster):
        return {obj.pk}
    review = _review_of(obj)
    cluster_id = review.cluster_id if review else getattr(obj, "cluster_id", None)
    return {cluster_id} if cluster_id else set()


def _on_team(roles: Roles, obj: Any, lead_only: bool = False) -> bool:
    review = _review_of(obj)
    if review is None or roles.reviewer_id is None:
        return False
    role = _place_on(review, roles.reviewer_id)
    return role == TeamMember.Role.LEAD if lead_only else role is not None


def _place_on(review: Review, reviewer_id: int) -> str | None:
    """The reviewer's role on the team, read once per review object (so once per request: a
    page asks many times); team services call forget_places after a change."""
    places: dict[int, str | None] = review.__dict__.setdefault("_collegium_places", {})
    if reviewer_id not in places:
        team = TeamMember.objects.filter(review=review, reviewer_id=reviewer_id)
        places[reviewer_id] = team.values_list("role", flat=True).first()
    return places[reviewer_id]


def forget_places(review: Review) -> None:
    """Call after changing a review's team within a request."""
    review.__dict__.pop("_collegium_places", None)


def _report_of(obj: Any) -> Report | None:
    """The report itself, or a review's report (which sets the judgements beside the school's
    self-evaluation), read once per review object like its team places."""
    if isinstance(obj, Review):
        if "_collegium_report" not in obj.__dict__:
            reports = Report.objects.filter(review=obj).select_related("review")
            obj.__dict__["_collegium_report"] = reports.first()
        report: Report | None = obj.__dict__["_collegium_report"]
        return report
    return obj if isinstance(obj, Report) else None


def _readers_of(report: Report) -> set[int]:
    if "_collegium_readers" not in report.__dict__:
        readers = report.readers.values_list("user_id", flat=True)
        report.__dict__["_collegium_readers"] = set(readers)
    kept: set[int] = report.__dict__["_collegium_readers"]
    return kept


def _granted(roles: Roles, obj: Any) -> bool:
    """The head allowed this person, or a group they belong to, to read the report."""
    report = _report_of(obj)
    if report is None or roles.user_id is None:
        return False
    if roles.user_id in _readers_of(report):
        return True
    review = report.review
    groups = {
        Report.Audience.GOVERNORS: review.school_id in roles.governs,
        Report.Audience.COORDINATOR: review.cluster_id in roles.coordinates,
        Report.Audience.MODERATORS: Role.MODERATOR in roles.network,
    }
    return any(groups.get(group, False) for group in report.shared_with)


def _agreed(obj: Any) -> bool:
    """The judgements of the object's review are agreed: the team's notes and proposals are
    then the school's to read, never while the visit is under way (R4)."""
    review = _review_of(obj)
    return review is not None and review.status in (Review.Status.AGREED, Review.Status.CLOSED)


def _stage_handlers(complaint: Complaint) -> dict[int, int | None]:
    """Who each stage of the complaint is assigned to, read once per complaint object."""
    if "_collegium_handlers" not in complaint.__dict__:
        handlers = dict(complaint.stages.values_list("number", "handler_id"))
        complaint.__dict__["_collegium_handlers"] = handlers
    kept: dict[int, int | None] = complaint.__dict__["_collegium_handlers"]
    return kept


def _handles(roles: Roles, obj: Any, column: str) -> bool:
    """They handle the complaint's current stage: stage 1 its review's lead (in a reviewer's
    column) or its cluster's coordinator, stages 2 and 3 whoever a network admin assigned."""
    if not isinstance(obj, Complaint):
        return False
    if obj.stage == 1:
        if column == COORDINATOR:
            return bool(_clusters_of(obj) & roles.coordinates)
        return column in (REVIEWER, LEAD_REVIEWER) and _on_team(roles, obj, lead_only=True)
    assigned = _stage_handlers(obj).get(obj.stage)
    return column in (MODERATOR, ADJUDICATOR) and assigned is not None and assigned == roles.user_id


def _assigned(roles: Roles, obj: Any) -> bool:
    if not isinstance(obj, Complaint) or roles.user_id is None:
        return False
    return roles.user_id in _stage_handlers(obj).values()


def _support_party(roles: Roles, obj: Any, asked_only: bool) -> bool:
    """A support request belongs to two schools: the one asking and the one asked."""
    if not isinstance(obj, SupportRequest):
        return False
    asked = obj.offering_school_id in roles.leads
    return asked or (not asked_only and obj.requesting_school_id in roles.leads)


def _shared_for_review(roles: Roles, obj: Any) -> bool:
    """The head shared the audit for a review whose team the person is on."""
    if not isinstance(obj, SafeguardingAudit) or roles.reviewer_id is None:
        return False
    shares = AuditShare.objects.filter(audit=obj, review__team__reviewer_id=roles.reviewer_id)
    return shares.exists()


def _schools_of(obj: Any) -> set[int]:
    review = _review_of(obj)
    if review is not None:
        return {review.school_id}
    if isinstance(obj, School):
        return {obj.pk}
    if isinstance(obj, Membership):
        return {obj.school_id}
    if isinstance(obj, ReviewerProfile):
        return {obj.home_school_id}
    school_id = getattr(obj, "school_id", None)  # a self-evaluation…
    return {school_id} if school_id else set()


def _scope_holds(scope: str, column: str, roles: Roles, obj: Any) -> bool:
    if obj is None:
        # Asked of a page rather than an object: may they act on any object of the kind?
        # Holding the role is enough; the page then lists only their own objects.
        return True
    school_ids = roles.leads if column == SCHOOL_LEADER else roles.governs
    cluster_ids = roles.clusters_led if column == SCHOOL_LEADER else roles.clusters_governed
    checks: dict[str, Callable[[], bool]] = {
        ANY: lambda: True,
        OWN_SCHOOL: lambda: bool(_schools_of(obj) & school_ids),
        MEMBER_SCHOOL: lambda: isinstance(obj, Cluster) and obj.pk in cluster_ids,
        OWN_CLUSTER: lambda: bool(_clusters_of(obj) & roles.coordinates),
        SELF: lambda: isinstance(obj, ReviewerProfile) and obj.pk == roles.reviewer_id,
        HOME_SCHOOL: lambda: isinstance(obj, ReviewerProfile) and obj.home_school_id in roles.leads,
        ON_TEAM: lambda: _on_team(roles, obj),
        LEADS: lambda: _on_team(roles, obj, lead_only=True),
        GRANTED: lambda: _granted(roles, obj),
        EITHER_SCHOOL: lambda: _support_party(roles, obj, asked_only=False),
        ASKED: lambda: _support_party(roles, obj, asked_only=True),
        HANDLES: lambda: _handles(roles, obj, column),
        ASSIGNED: lambda: _assigned(roles, obj),
        AGREED_OWN_SCHOOL: lambda: bool(_schools_of(obj) & school_ids) and _agreed(obj),
        SAFEGUARDING_LEAD: lambda: bool(_schools_of(obj) & roles.safeguards),
        SHARED_FOR_REVIEW: lambda: _shared_for_review(roles, obj),
        SHARED_FOR_OVERSIGHT: lambda: (
            isinstance(obj, SafeguardingAudit) and obj.shared_with_oversight
        ),
    }
    return checks[scope]()


def can(user: Person | None, action: str, obj: Any = None) -> bool:
    rule = RULES[action]
    roles = roles_of(user)
    held = roles.columns()
    return any(
        column in held and _scope_holds(scope, column, roles, obj) for column, scope in rule.items()
    )


def require(user: Person, action: str, obj: Any = None) -> None:
    """Raise PermissionDenied unless the person may do the action (on the object)."""
    if not can(user, action, obj):
        raise PermissionDenied(f"You do not have permission to {action}.")


def visible(user: Person, action: str, objects: Iterable[Any]) -> list[Any]:
    return [obj for obj in objects if can(user, action, obj)]
