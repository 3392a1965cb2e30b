"""Closing a review: the last step of the visit, once judgements are agreed, every concern the
school raised has its answer, and the report is final (or its summary published: asked of
reports through reviews.signals.closing_checked)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from collegium.accounts.models import User
from collegium.reviews.models import Review
from collegium.reviews.services.evidence import require_lead
from collegium.reviews.services.status import change_status, lock_review
from collegium.reviews.signals import closing_checked

Status = Review.Status


def reasons_not_to_close(review: Review) -> list[str]:
    """Why the review cannot close yet, in the lead's words; empty when it can."""
    reasons = []
    if review.status == Status.VISIT:
        reasons.append("Agree the judgements before closing the review")
    for concern in review.concerns.filter(responded_at__isnull=True):
        raised = timezone.localtime(concern.raised_at)
        reasons.append(
            f"Answer the school's concern raised on {raised:%-d %B %Y} before closing the review"
        )
    answers = closing_checked.send(sender=Review, review=review)  # the report's: reports.signals
    return reasons + [reason for _, reason in answers if reason]


def close_review(actor: User, review: Review) -> Review:
    """The lead closes a review whose judgements are agreed: agreed → closed."""
    with transaction.atomic():
        review = lock_review(review)
        require_lead(actor, review, "close the review")
        if review.status in {Status.VISIT, Status.AGREED}:
            reasons = reasons_not_to_close(review)
            if reasons:
                raise ValidationError(reasons)
        return change_status(actor, review, Status.CLOSED)
