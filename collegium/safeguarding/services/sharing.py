"""G1: sharing a safeguarding audit. Nobody outside the school reads more than its status, unless
its head lets the team of one of the school's reviews read it (for that review only), or lets the
network's oversight (moderators and network admins) read it. Either can be withdrawn.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from collegium.audit import verbs
from collegium.audit.services import record_change
from collegium.reviews.models import Review
from collegium.safeguarding import notices
from collegium.safeguarding.models import AuditShare, SafeguardingAudit
from collegium.safeguarding.services.audits import lock_audit


def share_for_review(actor: Any, audit: SafeguardingAudit, review: Review) -> AuditShare:
    """The head lets the team of one of the school's reviews read the audit."""
    if review.school_id != audit.school_id:
        raise ValidationError("Choose a review of this school")
    if review.status in (Review.Status.CANCELLED, Review.Status.CLOSED):
        raise ValidationError("That review has ended: choose a review still under way")
    with transaction.atomic():
        audit = lock_audit(audit)
        if AuditShare.objects.filter(audit=audit, review=review).exists():
            raise ValidationError("The audit is already shared with that review's team")
        share = AuditShare.objects.create(audit=audit, review=review, shared_by=actor)
        after = {"review": review.pk}
        record_change(actor, verbs.SAFEGUARDING_AUDIT_SHARED, audit, None, after)
        notices.audit_shared(share)
    return share


def withdraw_share(actor: Any, share: AuditShare) -> None:
    with transaction.atomic():
        audit = lock_audit(share.audit)
        found = AuditShare.objects.filter(pk=share.pk, audit=audit).first()
        if found is None:
            raise ValidationError("The audit is no longer shared with that review's team")
        record_change(
            actor, verbs.SAFEGUARDING_SHARING_WITHDRAWN, audit, {"review": found.review_id}, None
        )
        found.delete()


def share_with_oversight(actor: Any, audit: SafeguardingAudit, shared: bool) -> SafeguardingAudit:
    """Let moderators and network admins read the whole audit (or stop letting them)."""
    with transaction.atomic():
        audit = lock_audit(audit)
        if audit.shared_with_oversight == shared:
            raise ValidationError(
                "The audit is already shared with the network's oversight"
                if shared
                else "The audit is not shared with the network's oversight"
            )
        before = {"shared_with_oversight": audit.shared_with_oversight}
        audit.shared_with_oversight = shared
        audit.save(update_fields=["shared_with_oversight"])
        verb = verbs.SAFEGUARDING_AUDIT_SHARED if shared else verbs.SAFEGUARDING_SHARING_WITHDRAWN
        record_change(actor, verb, audit, before, {"shared_with_oversight": shared})
    return audit
