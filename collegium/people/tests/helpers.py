"""Small helpers for the people tests: what a user reads, and a fingerprint of the register."""

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from django.db.models import QuerySet

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


@contextmanager
def another_request_saves_first() -> Iterator[None]:
    """Two requests at once: the service's first exists() check runs before the other request
    has saved its row, so it answers False although the row is there when it writes."""
    real_exists = QuerySet.exists
    calls = []

    def exists(self: QuerySet[Any]) -> bool:
        calls.append(self.model)
        return False if len(calls) == 1 else real_exists(self)

    with mock.patch.object(QuerySet, "exists", exists):
        yield


@contextmanager
def rows_locked() -> Iterator[list[type[Any]]]:
    """The models whose rows a block locks with select_for_update, in order."""
    real = QuerySet.select_for_update
    locked: list[type[Any]] = []

    def select_for_update(self: QuerySet[Any], *args: Any, **kwargs: Any) -> QuerySet[Any]:
        locked.append(self.model)
        return real(self, *args, **kwargs)

    with mock.patch.object(QuerySet, "select_for_update", select_for_update):
        yield locked
