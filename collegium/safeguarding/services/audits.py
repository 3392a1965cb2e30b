"""G1: a school's safeguarding audit, from start to the governing board's review.

A school has at most one audit open at a time (in progress, or with the board). Starting the next
one carries the last one's open actions into it (plan, do, review); a second audit in one academic
year is a re-audit. The school's leaders and designated safeguarding lead rate every item; the
audit goes to the board only when every item is rated and every red or amber item has an action.
A governor records the board's review (the meeting, its minute, its comments) and so signs it off.
The view checks who may act (collegium.access); each service locks the audit, checks its rule (a
refusal is a ValidationError in the user's words and changes nothing), writes and records the
change; texts are recorded only as fingerprints. Sharing is in sharing.py.
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from collegium.audit import verbs
from collegium.audit.services import fingerprint, record_change, snapshot
from collegium.safeguarding import notices, selectors
from collegium.safeguarding.models import (
    OPEN_ACTIONS,
    AuditAction,
    ItemRating,
    Rating,
    SafeguardingAudit,
    TemplateItem,
    TemplateVersion,
)
from collegium.schools.models import School

Status = SafeguardingAudit.Status
AUDIT_FIELDS = ["school_id", "version_id", "kind", "status", "started_on", "submitted_on"]
BOARD_FIELDS = ["status", "board_met_on", "board_minute_reference"]


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def lock_audit(audit: SafeguardingAudit) -> SafeguardingAudit:
    locked = SafeguardingAudit.objects.select_for_update(of=("self",))
    return locked.select_related("school", "version").get(pk=audit.pk)


def lock_draft(audit: SafeguardingAudit) -> SafeguardingAudit:
    """Lock an audit still in progress; refuse one already submitted."""
    audit = lock_audit(audit)
    if not audit.is_draft:
        raise ValidationError(
            f"The audit was submitted to the board on {audit.submitted_on:%-d %B %Y}: "
            "its ratings no longer change. Start a re-audit to rate the items again."
        )
    return audit


def start_refusal(school: School) -> str | None:
    """Why the school cannot start an audit now; None when it can."""
    audit = selectors.open_audit(school)
    if audit is None:
        return None
    if audit.is_draft:
        return "The school's audit is still in progress: complete it before starting another"
    return "The board has not yet reviewed the school's last audit: it must do so first"


def start_audit(
    actor: Any, school: School, version: TemplateVersion, today: date | None = None
) -> SafeguardingAudit:
    """A new audit of the school on a published template, carrying the last one's open actions."""
    today = _today(today)
    if version.status != TemplateVersion.Status.PUBLISHED:
        raise ValidationError("Choose a published audit template")
    with transaction.atomic():
        School.objects.select_for_update().get(pk=school.pk)  # one new audit at a time
        refusal = start_refusal(school)
        if refusal:
            raise ValidationError(refusal)
        previous = selectors.last_reviewed(school)
        kind = SafeguardingAudit.Kind.ANNUAL
        if selectors.is_reaudit(school, today):
            kind = SafeguardingAudit.Kind.REAUDIT
        try:
            with transaction.atomic():
                audit = SafeguardingAudit.objects.create(
                    school=school,
                    version=version,
                    kind=kind,
                    previous=previous,
                    started_on=today,
                    started_by=actor,
                )
        except IntegrityError as error:  # started by someone else a moment ago
            raise ValidationError(start_refusal(school) or "An audit is already open") from error
        carried = _carry_actions(actor, previous, audit) if previous else 0
        after = snapshot(audit, AUDIT_FIELDS) | {"actions_carried": carried}
        record_change(actor, verbs.SAFEGUARDING_AUDIT_STARTED, audit, None, after)
    return audit


def _carry_actions(actor: Any, previous: SafeguardingAudit, audit: SafeguardingAudit) -> int:
    """The last audit's open actions, moved into the new one against the item with the same code
    (or no item, when the new template has none); the old ones are marked carried forward."""
    items = {
        item.code: item for item in TemplateItem.objects.filter(section__version=audit.version_id)
    }
    old = list(
        previous.actions.select_for_update(of=("self",))
        .filter(status__in=OPEN_ACTIONS)
        .select_related("item")
    )
    for action in old:
        carried = AuditAction.objects.create(
            audit=audit,
            item=items.get(action.item.code) if action.item else None,
            description=action.description,
            owner_id=action.owner_id,
            due_on=action.due_on,
            status=action.status,
            carried_from=action,
            created_by=actor,
        )
        action.status = AuditAction.Status.CARRIED_FORWARD
        action.save(update_fields=["status"])
        after = {"carried_to": audit.pk, "due_on": carried.due_on.isoformat()}
        record_change(actor, verbs.SAFEGUARDING_ACTION_CARRIED, action, None, after)
    return len(old)


def rate_item(
    actor: Any,
    audit: SafeguardingAudit,
    item: TemplateItem,
    *,
    rating: str,
    evidence: str,
    notes: str,
) -> ItemRating:
    """Rate one item red, amber or green with the evidence looked at (until it is submitted)."""
    if rating not in Rating.values:
        raise ValidationError("Choose red, amber or green")
    if item.section.version_id != audit.version_id:
        raise ValidationError("That item is not part of this audit's template")
    evidence, notes = evidence.strip(), notes.strip()
    if not evidence:
        raise ValidationError("Say what evidence you looked at")
    with transaction.atomic():
        audit = lock_draft(audit)
        existing = ItemRating.objects.filter(audit=audit, item=item).first()
        before = _rating_state(existing) if existing else None
        found, _ = ItemRating.objects.update_or_create(
            audit=audit,
            item=item,
            defaults={"rating": rating, "evidence": evidence, "notes": notes, "rated_by": actor},
        )
        after = _rating_state(found)
        record_change(actor, verbs.SAFEGUARDING_ITEM_RATED, audit, before, after)
    return found


def _rating_state(found: ItemRating) -> dict[str, Any]:
    return {
        "item": found.item.code,
        "rating": found.rating,
        "evidence": fingerprint(found.evidence),
        "notes": fingerprint(found.notes),
    }


def submit_audit(
    actor: Any, audit: SafeguardingAudit, today: date | None = None
) -> SafeguardingAudit:
    """Send the audit to the governing board: every item rated, every red or amber one actioned."""
    with transaction.atomic():
        audit = lock_draft(audit)
        problems = selectors.submit_problems(audit)
        if problems:
            raise ValidationError(problems)
        before = snapshot(audit, AUDIT_FIELDS)
        audit.status, audit.submitted_on, audit.submitted_by = (
            Status.SUBMITTED,
            _today(today),
            actor,
        )
        audit.save(update_fields=["status", "submitted_on", "submitted_by"])
        after = snapshot(audit, AUDIT_FIELDS)
        record_change(actor, verbs.SAFEGUARDING_AUDIT_SUBMITTED, audit, before, after)
        notices.audit_submitted(audit)
    return audit


def record_board_review(
    actor: Any,
    audit: SafeguardingAudit,
    *,
    met_on: date,
    minute_reference: str,
    comments: str,
    today: date | None = None,
) -> SafeguardingAudit:
    """A governor records the board's review of the submitted audit, which signs it off."""
    today, minute_reference = _today(today), minute_reference.strip()
    if not minute_reference:
        raise ValidationError("Enter the minute reference of the board's review")
    if met_on > today:
        raise ValidationError("The board's meeting must be today or earlier")
    with transaction.atomic():
        audit = lock_audit(audit)
        if audit.status == Status.DRAFT:
            raise ValidationError("The audit has not been submitted to the board yet")
        if audit.status == Status.REVIEWED:
            raise ValidationError("The board's review of this audit has already been recorded")
        assert audit.submitted_on is not None
        if met_on < audit.submitted_on:
            raise ValidationError(
                "The board's meeting must be on or after the day the audit was submitted, "
                f"{audit.submitted_on:%-d %B %Y}"
            )
        before = snapshot(audit, BOARD_FIELDS)
        audit.status, audit.board_met_on = Status.REVIEWED, met_on
        audit.board_minute_reference, audit.board_comments = minute_reference, comments.strip()
        audit.board_recorded_by, audit.board_recorded_at = actor, timezone.now()
        audit.save()
        after = snapshot(audit, BOARD_FIELDS) | {"comments": fingerprint(audit.board_comments)}
        record_change(actor, verbs.SAFEGUARDING_BOARD_REVIEW_RECORDED, audit, before, after)
    return audit
