"""The allowed changes of a review's status, in one table, and the one function that applies them.

Each service that moves a review (start_visit, agree_judgements, close_review, cancel_review)
checks its own conditions first, then calls change_status, which refuses any move the table
does not allow and records the change in the audit trail.
"""

from django.core.exceptions import ValidationError

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.reviews.models import Review
from collegium.words import lower_first

Status = Review.Status

TRANSITIONS: dict[str, set[str]] = {
    Status.PLANNING: {Status.VISIT, Status.CANCELLED},
    Status.VISIT: {Status.AGREED, Status.CANCELLED},
    Status.AGREED: {Status.CLOSED},
    Status.CLOSED: set(),
    Status.CANCELLED: set(),
}

VERBS = {
    Status.VISIT: "start the visit of",
    Status.AGREED: "agree the judgements of",
    Status.CLOSED: "close",
    Status.CANCELLED: "cancel",
}

# What the audit trail says when a review reaches each status.
DONE = {
    Status.VISIT: verbs.VISIT_STARTED,
    Status.AGREED: verbs.JUDGEMENTS_AGREED,
    Status.CLOSED: verbs.REVIEW_CLOSED,
    Status.CANCELLED: verbs.REVIEW_CANCELLED,
}


def change_status(actor: User, review: Review, to: str) -> Review:
    """Move the review to `to`; the caller holds a lock on the review's row."""
    if to not in TRANSITIONS[review.status]:
        current = lower_first(Review.Status(review.status).label)
        raise ValidationError(f"You cannot {VERBS[Status(to)]} a review that is {current}.")
    before = snapshot(review, ["status"])
    review.status = to
    review.save(update_fields=["status"])
    record_change(actor, DONE[Status(to)], review, before, snapshot(review, ["status"]))
    return review


def lock_review(review: Review) -> Review:
    """Re-read the review with a row lock, so two requests cannot both change it."""
    return Review.objects.select_for_update().get(pk=review.pk)
