"""The service navigation: each person sees the pages their roles allow."""

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from collegium import access


@dataclass(frozen=True)
class NavItem:
    text: str
    url_name: str
    shown_when: str  # an access action, asked of the page (no object)


def _shown(user: Any, item: NavItem) -> bool:
    return access.can(user, item.shown_when)


ITEMS = (
    NavItem("Schools", "schools:search", "school.view"),
    NavItem("Reviews", "reviews:list", "review.view"),
    NavItem("Self-evaluation", "selfevaluation:mine", "selfevaluation.view"),
    NavItem("Clusters", "clusters:list", "cluster.view"),
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
)


def navigation_for(request: Any) -> list[dict[str, Any]]:
    path = request.path
    items = []
    for item in ITEMS:
        if not _shown(request.user, item):
            continue
        href = reverse(item.url_name)
        items.append({"href": href, "text": item.text, "active": path.startswith(href)})
    return items
