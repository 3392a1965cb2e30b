"""The service navigation: each person sees the pages their roles allow."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from collegium import access
from collegium.clusters.models import Cluster
from collegium.schools.models import School
from collegium.types import Person


@dataclass(frozen=True)
class NavItem:
    text: str
    url_name: str
    shown_when: str  # an access action, asked of the page (no object)
    # Only for people holding one of these columns of the access table (None: anyone allowed),
    # where the action is open to more people than the link is useful to.
    shown_to: frozenset[str] | None = None
    href: Callable[[Any], str] | None = None  # where the link goes, when it depends on the person
    # A further condition on the person, where a right held in the "signed in" column through a
    # scope (the designated safeguarding lead) makes the action open to everyone signed in.
    shown_if: Callable[[Any], bool] | None = None


def _shown(user: Person, item: NavItem) -> bool:
    if item.shown_to is not None and not item.shown_to & access.roles_of(user).columns():
        return False
    if item.shown_if is not None and not item.shown_if(user):
        return False
    return access.can(user, item.shown_when)


FOLLOW_EVERY_CLUSTER = frozenset({access.MODERATOR, access.NETWORK_ADMIN})
# Improvement is for the schools and those who support them, not for every reviewer.
IMPROVERS = frozenset(
    {access.SCHOOL_LEADER, access.GOVERNOR, access.COORDINATOR, *FOLLOW_EVERY_CLUSTER}
)


def _holds_a_school_role(user: Person) -> bool:
    roles = access.roles_of(user)
    return bool(roles.leads or roles.governs or roles.safeguards)


def _cluster_improvement(user: Person) -> str:
    """A coordinator of one cluster goes straight to it; anyone following several, to the list."""
    roles = access.roles_of(user)
    if len(roles.coordinates) == 1 and not roles.columns() & FOLLOW_EVERY_CLUSTER:
        (cluster_pk,) = roles.coordinates
        return reverse("improvement:cluster", args=[cluster_pk])
    return reverse("improvement:clusters")


ITEMS = (
    NavItem("Schools", "schools:search", "school.view"),
    NavItem("Reviews", "reviews:list", "review.view"),
    NavItem("Self-evaluation", "selfevaluation:mine", "selfevaluation.view"),
    NavItem("Action plans", "improvement:plans", "improvement.view", IMPROVERS),
    NavItem("Support between schools", "support:home", "support.request"),
    NavItem(
        "Safeguarding", "safeguarding:home", "safeguarding.status", shown_if=_holds_a_school_role
    ),
    NavItem("Clusters", "clusters:list", "cluster.view"),
    NavItem(
        "Improvement in the cluster",
        "improvement:clusters",
        "improvement.cluster",
        href=_cluster_improvement,
    ),
    NavItem(
        "Improvement across the network",
        "improvement:network",
        "improvement.network",
        IMPROVERS - {access.GOVERNOR},
    ),
    NavItem("Reviewers", "people:reviewers", "reviewer.view_profile"),
    NavItem("Frameworks", "frameworks:list", "framework.view"),
    NavItem("Published reviews", "reports:published", "summary.view"),
    NavItem("Fairness", "consistency:bias", "bias.view"),
    NavItem("My reviewer record", "people:my-record", "reviewer.register"),
    NavItem("Staff who review", "people:staff", "reviewer.approve_days"),
    NavItem("Accreditation", "people:accreditation", "reviewer.accredit"),
    NavItem("Moderation", "quality:home", "moderation.manage"),
    NavItem("Network allocation", "allocations:network", "allocation.network_qa"),
    NavItem("Consistency", "consistency:reliability", "consistency.view"),
    NavItem("Calibration", "calibration:packs", "calibration.manage"),
    NavItem("Calibration exercises", "calibration:mine", "calibration.grade"),
    NavItem("Experience of being reviewed", "surveys:results", "survey.results"),
    NavItem("Safeguarding oversight", "safeguarding:oversight", "safeguarding.oversee"),
    NavItem("People and roles", "people:roles", "people.manage_roles"),
    NavItem("Moderation settings", "quality:settings", "moderation.settings"),
    NavItem("Retention periods", "privacy:retention", "privacy.retention"),
    NavItem("Complaints", "complaints:open", "complaint.assign"),
    NavItem("Term dates", "termdates:list", "termdates.edit"),
    NavItem("Pupil files", "context:files", "pupils.upload_network"),
    NavItem("Pupils leaving", "context:offrolling", "offrolling.view"),
    NavItem(
        "Community surveys",
        "voice:mine",
        "voice.results",
        frozenset({access.SCHOOL_LEADER, access.GOVERNOR}),
    ),
    NavItem("Survey question banks", "voice:banks", "voice.banks"),
)


# The pages each role reaches first, most used first: at most six in the header (MOST_SHOWN),
# the person's roles taken from the network's down to the public's; every other page they may
# open is listed under "More" on the home page.
MOST_SHOWN = 6
FIRST_FOR = (
    (access.NETWORK_ADMIN, ("Clusters", "People and roles", "Complaints", "Reviews")),
    (access.MODERATOR, ("Moderation", "Reviews", "Consistency", "Calibration")),
    (access.COORDINATOR, ("Reviews", "Clusters", "Improvement in the cluster", "Action plans")),
    (
        access.SCHOOL_LEADER,
        ("Reviews", "Self-evaluation", "Action plans", "Support between schools", "Safeguarding"),
    ),
    (access.LEAD_REVIEWER, ("Reviews", "Calibration exercises", "My reviewer record")),
    (access.REVIEWER, ("Reviews", "Calibration exercises", "My reviewer record")),
    (access.GOVERNOR, ("Self-evaluation", "Action plans", "Safeguarding", "Clusters")),
    (access.ADJUDICATOR, ("Published reviews", "Schools")),
    (access.SIGNED_IN, ("Schools", "Published reviews", "My reviewer record")),
    (access.PUBLIC, ("Schools", "Reviewers", "Frameworks", "Published reviews", "Fairness")),
)


def pages_for(request: Any) -> list[dict[str, Any]]:
    """Every page of ITEMS the person may open: the header's and the home page's "More"."""
    path = request.path
    items = []
    for item in ITEMS:
        if not _shown(request.user, item):
            continue
        href = item.href(request.user) if item.href else reverse(item.url_name)
        items.append({"href": href, "text": item.text, "active": path.startswith(href)})
    return items


def _first(user: Any, allowed: list[dict[str, Any]]) -> set[str]:
    held, texts = access.roles_of(user).columns(), {item["text"] for item in allowed}
    chosen: list[str] = []
    for column, wanted in FIRST_FOR:
        if column in held:
            chosen += [text for text in wanted if text in texts and text not in chosen]
    return set(chosen[:MOST_SHOWN])


def navigation_for(request: Any) -> list[dict[str, Any]]:
    """The header's links: at most six, those the person's roles use most."""
    allowed = pages_for(request)
    first = _first(request.user, allowed)
    return [item for item in allowed if item["text"] in first]


def more_for(request: Any) -> list[dict[str, Any]]:
    """Every other page the person may open, for the home page's "More" list."""
    allowed = pages_for(request)
    first = _first(request.user, allowed)
    return [item for item in allowed if item["text"] not in first]


NETWORK_ROLES = {
    access.MODERATOR: "Moderator",
    access.ADJUDICATOR: "Adjudicator",
    access.NETWORK_ADMIN: "Network admin",
}


def acting_as(user: Any) -> str:
    """Whom the person acts for, named in the header: "Head of Ashford School; Lead reviewer"."""
    roles = access.roles_of(user)
    parts = []
    if roles.leads:
        parts.append(f"Head of {_names(School.objects.filter(pk__in=roles.leads))}")
    if roles.governs:
        parts.append(f"Governor of {_names(School.objects.filter(pk__in=roles.governs))}")
    if roles.coordinates:
        parts.append(f"Coordinator of {_names(Cluster.objects.filter(pk__in=roles.coordinates))}")
    if roles.reviewer_id is not None:
        parts.append("Lead reviewer" if roles.is_lead_reviewer else "Reviewer")
    parts += [name for column, name in NETWORK_ROLES.items() if column in roles.columns()]
    return "; ".join(parts)


def _names(rows: QuerySet[Any]) -> str:
    return ", ".join(rows.order_by("name").values_list("name", flat=True))
