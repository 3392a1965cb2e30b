"""The service navigation: each person sees the pages their roles allow."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from collegium import access


@dataclass(frozen=True)
class NavItem:
    text: str
    url_name: str
    shown_when: str  # an access action, asked of the page (no object)
    # Only for people holding one of these columns of the access table (None: anyone allowed),
    # where the action is open to more people than the link is useful to.
    shown_to: frozenset[str] | None = None
    href: Callable[[Any], str] | None = None  # where the link goes, when it depends on the person


def _shown(user: Any, item: NavItem) -> bool:
    if item.shown_to is not None and not item.shown_to & access.roles_of(user).columns():
        return False
    return access.can(user, item.shown_when)


FOLLOW_EVERY_CLUSTER = frozenset({access.MODERATOR, access.NETWORK_ADMIN})
# Improvement is for the schools and those who support them, not for every reviewer.
IMPROVERS = frozenset(
    {access.SCHOOL_LEADER, access.GOVERNOR, access.COORDINATOR, *FOLLOW_EVERY_CLUSTER}
)


def _cluster_improvement(user: Any) -> str:
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
    NavItem("Support between schools", "improvement:support", "support.request"),
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
    NavItem("Consistency", "consistency:reliability", "consistency.view"),
    NavItem("Calibration", "calibration:packs", "calibration.manage"),
    NavItem("Calibration exercises", "calibration:mine", "calibration.grade"),
    NavItem("Experience of being reviewed", "surveys:results", "survey.results"),
    NavItem("People and roles", "people:roles", "people.manage_roles"),
    NavItem("Moderation settings", "quality:settings", "moderation.settings"),
    NavItem("Complaints", "complaints:open", "complaint.assign"),
    NavItem("Term dates", "termdates:list", "termdates.edit"),
)


def navigation_for(request: Any) -> list[dict[str, Any]]:
    path = request.path
    items = []
    for item in ITEMS:
        if not _shown(request.user, item):
            continue
        href = item.href(request.user) if item.href else reverse(item.url_name)
        items.append({"href": href, "text": item.text, "active": path.startswith(href)})
    return items
