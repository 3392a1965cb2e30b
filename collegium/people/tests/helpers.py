"""Small helpers for the people tests: what a user reads, and a fingerprint of the register."""

import html
import re
from typing import Any

from collegium.audit.models import AuditEvent
from collegium.people.models import (
    Accreditation,
    AvailableWeek,
    Blackout,
    CapacityApproval,
    DeclaredConflict,
    FormerEmployment,
    PastReview,
    ReviewerProfile,
    RoleGrant,
    TrainingRecord,
)

MODELS = (
    ReviewerProfile,
    TrainingRecord,
    Accreditation,
    CapacityApproval,
    AvailableWeek,
    Blackout,
    DeclaredConflict,
    FormerEmployment,
    PastReview,
    RoleGrant,
    AuditEvent,
)


def text_of(response: Any) -> str:
    """The page's main content as a person reads it: tags dropped, spaces collapsed."""
    page = response.content.decode()
    start, end = page.find("<main"), page.find("</main>")
    main = page[start:end] if start >= 0 else page
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", main))).strip()


def register_state() -> list[Any]:
    """Every row of the register and the audit trail, to check that nothing changed."""
    return [list(model.objects.order_by("pk").values()) for model in MODELS]


def is_sign_in_redirect(response: Any) -> bool:
    return response.status_code == 302 and "/account/sign-in/" in response["Location"]


def before_of(event: AuditEvent) -> dict[str, Any]:
    return event.before or {}


def after_of(event: AuditEvent) -> dict[str, Any]:
    return event.after or {}
