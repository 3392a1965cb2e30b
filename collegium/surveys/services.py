"""Q5: the school's answer to the survey on the experience of being reviewed.

The school's leader answers once, after the team has agreed its judgements (so the answer is
about the whole visit). The audit record says who answered and when but not the ratings: the
review's history is read by its team, and a lead sees ratings only in aggregate
(selectors.MIN_RESPONSES).
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.people.models import Role
from collegium.reviews.models import Review
from collegium.reviews.services.status import lock_review
from collegium.surveys.models import QUESTIONS, RATING_LABELS, Question, ReviewSurvey
from collegium.words import lower_first

Status = Review.Status
ANSWERABLE = {Status.AGREED, Status.CLOSED}
TOO_EARLY = "You can answer the survey once the review team has agreed its judgements"
REFUSALS: dict[str, str] = {
    Status.PLANNING: TOO_EARLY,
    Status.VISIT: TOO_EARLY,
    Status.CANCELLED: "The review was cancelled, so there is no survey to answer",
}
ALREADY_ANSWERED = "The school has already answered the survey for this review"
AUDITED_FIELDS = ["review_id", "answered_by_id", "answered_at"]
COMMENT_LIMIT = 5000


def rating_error(question: Question) -> str:
    return f"Select how much you agree that {lower_first(question.text)}"


def clean_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Each rating a whole number from 1 to 5, and the comment as text; else a ValidationError."""
    cleaned: dict[str, Any] = {}
    errors = []
    for question in QUESTIONS:
        value = answers.get(question.field)
        try:
            rating = int(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            rating = 0
        if rating not in RATING_LABELS or isinstance(value, bool | float):
            errors.append(ValidationError(rating_error(question)))
        cleaned[question.field] = rating
    comment = str(answers.get("comment") or "").strip()
    if len(comment) > COMMENT_LIMIT:
        errors.append(ValidationError("Your comment must be 5,000 characters or fewer"))
    if errors:
        raise ValidationError(errors)
    return cleaned | {"comment": comment}


def _check_can_answer(actor: User, review: Review) -> None:
    if review.status not in ANSWERABLE:
        raise ValidationError(REFUSALS[Status(review.status)])
    leads_school = actor.role_grants.filter(
        role=Role.SCHOOL_LEADER, school_id=review.school_id
    ).exists()
    if not leads_school:
        raise ValidationError("Only the school's leaders can answer the survey")
    if ReviewSurvey.objects.filter(review=review).exists():
        raise ValidationError(ALREADY_ANSWERED)


def submit_survey(actor: User, review: Review, answers: Mapping[str, Any]) -> ReviewSurvey:
    """The school's one answer to the survey about the review."""
    cleaned = clean_answers(answers)
    with transaction.atomic():
        review = lock_review(review)
        _check_can_answer(actor, review)
        survey = ReviewSurvey.objects.create(
            review=review, answered_by=actor, answered_at=timezone.now(), **cleaned
        )
        record_change(actor, verbs.SURVEY_ANSWERED, survey, None, snapshot(survey, AUDITED_FIELDS))
    return survey
