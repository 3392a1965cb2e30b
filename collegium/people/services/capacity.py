"""P3: days a year the head of the reviewer's home school releases them for."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.people.dates import academic_year_label, current_academic_year
from collegium.people.models import CapacityApproval, ReviewerProfile, Role, RoleGrant

MIN_DAYS, MAX_DAYS = 1, 60
DAYS_MESSAGE = f"Days must be a whole number between {MIN_DAYS} and {MAX_DAYS}"
APPROVAL_FIELDS = [
    "academic_year",
    "days",
    "approved_by_id",
    "network_reason",
    "withdrawn_at",
    "withdrawn_by_id",
]


def approve_days(
    actor: User,
    profile: ReviewerProfile,
    *,
    academic_year: int,
    days: int,
    network_reason: str = "",
) -> CapacityApproval:
    """Approve days for an academic year, replacing (withdrawing) any approval already given.

    `network_reason` is why a network admin approved in the head's place
    (`approve_days_unheaded`)."""
    if profile.user_id == actor.pk:
        raise ValidationError(
            "You cannot approve your own days: ask another leader of your school "
            "or the network admin"
        )
    if not isinstance(days, int) or not MIN_DAYS <= days <= MAX_DAYS:
        raise ValidationError(DAYS_MESSAGE)
    if academic_year < current_academic_year():
        raise ValidationError(
            f"You cannot approve days for {academic_year_label(academic_year)}: it has ended"
        )
    with transaction.atomic():
        # The first approval of a year has no row to lock: lock the reviewer so two
        # approvals at once take turns instead of breaking one_current_approval_a_year.
        ReviewerProfile.objects.select_for_update().get(pk=profile.pk)
        previous = CapacityApproval.objects.select_for_update().filter(
            reviewer=profile, academic_year=academic_year, withdrawn_at__isnull=True
        )
        for approval in previous:
            withdraw_approval(actor, approval)
        approval = CapacityApproval.objects.create(
            reviewer=profile,
            academic_year=academic_year,
            days=days,
            approved_by=actor,
            network_reason=network_reason,
        )
        record_change(
            actor, verbs.DAYS_APPROVED, approval, None, snapshot(approval, APPROVAL_FIELDS)
        )
    return approval


def withdraw_approval(actor: User, approval: CapacityApproval) -> CapacityApproval:
    """Withdraw days for future reviews; the approval stays in the register as history."""
    with transaction.atomic():
        # The caller's copy may be stale: another request may have withdrawn it since.
        current = CapacityApproval.objects.select_for_update().get(pk=approval.pk)
        if current.withdrawn_at is not None:
            raise ValidationError("These days have already been withdrawn")
        before = snapshot(current, APPROVAL_FIELDS)
        current.withdrawn_at, current.withdrawn_by = timezone.now(), actor
        current.save(update_fields=["withdrawn_at", "withdrawn_by"])
        after = snapshot(current, APPROVAL_FIELDS)
        record_change(actor, verbs.APPROVED_DAYS_WITHDRAWN, current, before, after)
    approval.withdrawn_at, approval.withdrawn_by = current.withdrawn_at, current.withdrawn_by
    return current


def approve_days_unheaded(
    actor: User, profile: ReviewerProfile, *, academic_year: int, days: int, reason: str
) -> CapacityApproval:
    """A network admin approves days because nobody else leads the home school on Collegium
    (no leader, or the reviewer is its only leader and may not approve their own days).

    Refused once the school has another leader with an account: they approve. The reason is
    kept on the approval and in the audit trail beside who approved."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("Enter why you are approving the days for the school")
    if home_school_led_by_another(profile):
        raise ValidationError(
            f"{profile.home_school.name} has a leader on Collegium who can approve these days: "
            "ask them"
        )
    return approve_days(
        actor, profile, academic_year=academic_year, days=days, network_reason=reason
    )


def home_school_led_by_another(profile: ReviewerProfile) -> bool:
    """Whether someone other than the reviewer leads their home school with an open account."""
    return (
        RoleGrant.objects.filter(
            role=Role.SCHOOL_LEADER, school_id=profile.home_school_id, user__is_active=True
        )
        .exclude(user_id=profile.user_id)
        .exists()
    )
