"""G1: the actions of a safeguarding audit. Every red or amber item has at least one before the
audit goes to the board; each has an owner (one of the school's leaders or its designated
safeguarding lead, who is reminded of it), a due date on a school working day and a status.
Actions are added while the audit is open and followed through until done or carried forward
into the next audit.
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import fingerprint, record_change
from collegium.safeguarding import notices, selectors
from collegium.safeguarding.models import (
    NEEDS_ACTION,
    AuditAction,
    ItemRating,
    SafeguardingAudit,
    TemplateItem,
)
from collegium.safeguarding.services.audits import lock_audit
from collegium.termdates.calendar import not_in_term

Status = AuditAction.Status
CHOSEN = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.DONE)  # carried forward is the service's


def _state(action: AuditAction) -> dict[str, Any]:
    return {
        "item": action.item.code if action.item else None,
        "description": fingerprint(action.description),
        "owner": action.owner_id,
        "due_on": action.due_on.isoformat(),
        "status": action.status,
    }


def _check_owner(audit: SafeguardingAudit, owner: User) -> None:
    if not selectors.auditors_of(audit.school_id).filter(pk=owner.pk).exists():
        raise ValidationError(
            "Choose one of the school's leaders or its designated safeguarding lead as the owner"
        )


def add_action(
    actor: Any,
    audit: SafeguardingAudit,
    item: TemplateItem,
    *,
    description: str,
    owner: User,
    due_on: date,
    today: date | None = None,
) -> AuditAction:
    """An action for a red or amber item of an audit in progress or with the board."""
    today, description = today or timezone.localdate(), description.strip()
    if not description:
        raise ValidationError("Describe the action")
    if due_on < today:
        raise ValidationError("The due date must be today or later")
    if problem := not_in_term(due_on, "choose a school working day"):
        raise ValidationError(problem)
    with transaction.atomic():
        audit = lock_audit(audit)
        if audit.is_reviewed:
            raise ValidationError(
                "The board has reviewed this audit: add further actions to a re-audit"
            )
        if item.section.version_id != audit.version_id:
            raise ValidationError("That item is not part of this audit's template")
        rating = ItemRating.objects.filter(audit=audit, item=item).first()
        if rating is None or rating.rating not in NEEDS_ACTION:
            raise ValidationError("Only a red or amber item needs an action: rate the item first")
        _check_owner(audit, owner)
        action = AuditAction.objects.create(
            audit=audit,
            item=item,
            description=description,
            owner=owner,
            due_on=due_on,
            created_by=actor,
        )
        record_change(actor, verbs.SAFEGUARDING_ACTION_ADDED, action, None, _state(action))
        notices.action_given(action)
    return action


def update_action(
    actor: Any, action: AuditAction, *, status: str, today: date | None = None
) -> AuditAction:
    """Move an action on: not started, in progress or done (done is dated today)."""
    if status not in CHOSEN:
        raise ValidationError("Choose not started, in progress or done")
    with transaction.atomic():
        found = (
            AuditAction.objects.select_for_update(of=("self",))
            .select_related("item")
            .get(pk=action.pk)
        )
        if found.status == Status.CARRIED_FORWARD:
            raise ValidationError(
                "This action was carried forward into the next audit: update it there"
            )
        before = _state(found)
        found.status = status
        found.completed_on = (today or timezone.localdate()) if status == Status.DONE else None
        found.save(update_fields=["status", "completed_on"])
        record_change(actor, verbs.SAFEGUARDING_ACTION_CHANGED, found, before, _state(found))
    return found
