"""R5: concerns the school raises with the lead reviewer during the visit, and the lead's answers.

The school raises a concern while the visit is under way; before then it shapes the plan itself
(focus, timetable), and after the judgements are agreed a disagreement is a complaint. The lead
answers each concern once, during the visit or after agreement; an unanswered concern stops
the review from closing (services/closing.py).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.people.models import Role
from collegium.reviews.models import Concern, Review
from collegium.reviews.services import notices
from collegium.reviews.services.evidence import require_lead
from collegium.reviews.services.status import lock_review
from collegium.words import lower_first

Status = Review.Status
CONCERN_FIELDS = ["text", "response", "responded_by_id", "responded_at"]
RAISE_REFUSALS = {
    Status.PLANNING: "You can raise a concern once the visit has started",
    Status.AGREED: "The visit has ended, so you can no longer raise a concern about it",
    Status.CLOSED: "The review has closed, so you can no longer raise a concern about it",
    Status.CANCELLED: "The review has been cancelled, so you cannot raise a concern about it",
}
ANSWERABLE = {Status.VISIT, Status.AGREED}


def raise_concern(actor: User, review: Review, text: str) -> Concern:
    """A concern raised by one of the reviewed school's leaders."""
    text = text.strip()
    if not text:
        raise ValidationError("Enter your concern")
    with transaction.atomic():
        review = lock_review(review)
        if review.status in RAISE_REFUSALS:
            raise ValidationError(RAISE_REFUSALS[Status(review.status)])
        leads_school = actor.role_grants.filter(
            role=Role.SCHOOL_LEADER, school_id=review.school_id
        ).exists()
        if not leads_school:
            raise ValidationError("Only the school's leaders can raise a concern")
        concern = Concern.objects.create(review=review, raised_by=actor, text=text)
        record_change(actor, verbs.CONCERN_RAISED, concern, None, snapshot(concern, CONCERN_FIELDS))
        notices.concern_raised(concern)
    return concern


def respond_to_concern(actor: User, concern: Concern, response: str) -> Concern:
    """The lead reviewer's answer to a concern, given once."""
    response = response.strip()
    if not response:
        raise ValidationError("Enter your response to the concern")
    with transaction.atomic():
        review = lock_review(concern.review)
        require_lead(actor, review, "answer the school's concerns")
        if review.status not in ANSWERABLE:
            current = lower_first(Status(review.status).label)
            raise ValidationError(f"You cannot answer a concern on a review that is {current}")
        concern = Concern.objects.select_for_update().get(pk=concern.pk)
        if concern.is_answered:
            raise ValidationError("This concern has already been answered")
        before = snapshot(concern, CONCERN_FIELDS)
        concern.response, concern.responded_by = response, actor
        concern.responded_at = timezone.now()
        concern.save(update_fields=["response", "responded_by", "responded_at"])
        record_change(
            actor, verbs.CONCERN_ANSWERED, concern, before, snapshot(concern, CONCERN_FIELDS)
        )
    return concern
