"""Who may do what, object by object: the one place Collegium decides access.

RULES below is the role × action table; docs/roles-and-permissions.md shows the
same table for people, and tests/test_access_matrix.py checks that the two agree
and walks every cell with a persona. Views never fetch a user-visible object
themselves: they call one of the get_*_for functions, which raise 404 when the
person may not know the object exists and 403 when they may see it but not act.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.http import Http404

from collegium.clusters.models import Cluster, Membership
from collegium.people.models import ReviewerProfile, Role, RoleGrant
from collegium.schools.models import School

# Columns of the table: the roles of product.md §1, plus the public and anyone signed in.
PUBLIC = "public"
SIGNED_IN = "signed in"
SCHOOL_LEADER = "school leader"
GOVERNOR = "governor"
REVIEWER = "reviewer"
LEAD_REVIEWER = "lead reviewer"
COORDINATOR = "cluster coordinator"
MODERATOR = "moderator"
ADJUDICATOR = "adjudicator"
NETWORK_ADMIN = "network admin"
COLUMNS = (
    PUBLIC,
    SIGNED_IN,
    SCHOOL_LEADER,
    GOVERNOR,
    REVIEWER,
    LEAD_REVIEWER,
    COORDINATOR,
    MODERATOR,
    ADJUDICATOR,
    NETWORK_ADMIN,
)

# Cell values: for which objects the role holds the right.
ANY = "any"
OWN_SCHOOL = "own school"  # the object belongs to a school where the person holds the role
MEMBER_SCHOOL = "member school"  # the object is a cluster one of their schools is in
OWN_CLUSTER = "own cluster"  # they coordinate the object's cluster
SELF = "self"  # the object is their own reviewer record
HOME_SCHOOL = "home school"  # a reviewer from a school where they are the school leader

RULES: dict[str, dict[str, str]] = {
    "school.view": {PUBLIC: ANY},
    "school.edit": {NETWORK_ADMIN: ANY},
    "school.history": {SCHOOL_LEADER: OWN_SCHOOL, MODERATOR: ANY, NETWORK_ADMIN: ANY},
    "cluster.create": {NETWORK_ADMIN: ANY},
    "cluster.view": {
        SCHOOL_LEADER: MEMBER_SCHOOL,
        GOVERNOR: MEMBER_SCHOOL,
        COORDINATOR: OWN_CLUSTER,
        MODERATOR: ANY,
        NETWORK_ADMIN: ANY,
    },
    "cluster.manage": {COORDINATOR: OWN_CLUSTER, NETWORK_ADMIN: ANY},
    "cluster.history": {
        SCHOOL_LEADER: MEMBER_SCHOOL,
        COORDINATOR: OWN_CLUSTER,
        MODERATOR: ANY,
        NETWORK_ADMIN: ANY,
    },
    "membership.respond": {SCHOOL_LEADER: OWN_SCHOOL},
    "mou.sign": {SCHOOL_LEADER: OWN_SCHOOL},
    "reviewer.register": {SIGNED_IN: ANY},
    "reviewer.view_profile": {PUBLIC: ANY},
    "reviewer.view_record": {
        REVIEWER: SELF,
        LEAD_REVIEWER: SELF,
        SCHOOL_LEADER: HOME_SCHOOL,
        MODERATOR: ANY,
        NETWORK_ADMIN: ANY,
    },
    "reviewer.edit": {REVIEWER: SELF, LEAD_REVIEWER: SELF, NETWORK_ADMIN: ANY},
    "reviewer.accredit": {MODERATOR: ANY},
    "reviewer.approve_days": {SCHOOL_LEADER: HOME_SCHOOL},
    "reviewer.history": {
        REVIEWER: SELF,
        LEAD_REVIEWER: SELF,
        SCHOOL_LEADER: HOME_SCHOOL,
        MODERATOR: ANY,
        NETWORK_ADMIN: ANY,
    },
    "people.manage_roles": {NETWORK_ADMIN: ANY},
}


@dataclass(frozen=True)
class Roles:
    """Everything access decisions need to know about one person, read once per request."""

    signed_in: bool = False
    leads: frozenset[int] = frozenset()  # school URNs where they are a school leader
    governs: frozenset[int] = frozenset()
    coordinates: frozenset[int] = frozenset()  # cluster ids
    network: frozenset[str] = frozenset()  # moderator / adjudicator / network_admin
    reviewer_id: int | None = None
    is_lead_reviewer: bool = False
    clusters_led: frozenset[int] = frozenset()  # clusters that schools they lead belong to
    clusters_governed: frozenset[int] = frozenset()

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


def roles_of(user: Any) -> Roles:
    if user is None or not user.is_authenticated:
        return Roles()
    cached = getattr(user, "_collegium_roles", None)
    if cached is None:
        cached = _load_roles(user)
        user._collegium_roles = cached
    return cached


def forget_roles(user: Any) -> None:
    """Call after changing someone's roles within a request."""
    if hasattr(user, "_collegium_roles"):
        del user._collegium_roles


def _load_roles(user: Any) -> Roles:
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
    )


def is_accredited_lead(profile: ReviewerProfile, on: date | None = None) -> bool:
    on = on or date.today()
    return profile.accreditations.filter(
        granted_on__lte=on, expires_on__gt=on, revoked_on__isnull=True
    ).exists()


def _schools_of(obj: Any) -> set[int]:
    if isinstance(obj, School):
        return {obj.pk}
    if isinstance(obj, Membership):
        return {obj.school_id}
    if isinstance(obj, ReviewerProfile):
        return {obj.home_school_id}
    return set()


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
        OWN_CLUSTER: lambda: isinstance(obj, Cluster) and obj.pk in roles.coordinates,
        SELF: lambda: isinstance(obj, ReviewerProfile) and obj.pk == roles.reviewer_id,
        HOME_SCHOOL: lambda: isinstance(obj, ReviewerProfile) and obj.home_school_id in roles.leads,
    }
    return checks[scope]()


def can(user: Any, action: str, obj: Any = None) -> bool:
    rule = RULES[action]
    roles = roles_of(user)
    held = roles.columns()
    return any(
        column in held and _scope_holds(scope, column, roles, obj) for column, scope in rule.items()
    )


def require(user: Any, action: str, obj: Any = None) -> None:
    """Raise PermissionDenied unless the person may do the action (on the object)."""
    if not can(user, action, obj):
        raise PermissionDenied(f"You do not have permission to {action}.")


def _get_for[M: models.Model](
    user: Any, model: type[M], pk: Any, action: str, view_action: str
) -> M:
    try:
        obj = model._default_manager.get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not can(user, view_action, obj):
        if not roles_of(user).signed_in:
            raise PermissionDenied  # answered with "sign in" by the middleware
        raise Http404
    require(user, action, obj)
    return obj


def get_school_for(user: Any, urn: Any, action: str = "school.view") -> School:
    return _get_for(user, School, urn, action, "school.view")


def get_cluster_for(user: Any, pk: Any, action: str = "cluster.view") -> Cluster:
    return _get_for(user, Cluster, pk, action, "cluster.view")


def get_membership_for(user: Any, pk: Any, action: str = "membership.respond") -> Membership:
    return _get_for(user, Membership, pk, action, action)


def get_reviewer_for(user: Any, pk: Any, action: str = "reviewer.view_profile") -> ReviewerProfile:
    return _get_for(user, ReviewerProfile, pk, action, "reviewer.view_profile")


def visible(user: Any, action: str, objects: Iterable[Any]) -> list[Any]:
    return [obj for obj in objects if can(user, action, obj)]
