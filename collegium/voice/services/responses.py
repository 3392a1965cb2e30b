"""Anonymous responses to a survey (V1).

A response keeps the day it was sent and the answers: no account, name, email, network address,
browser detail or time of day, and no audit event (whose time would date it). A one-time code is
marked used in the same transaction and never linked to the response it let in. Repeat
responses from one browser are limited by the page (a signed cookie that says only that this
browser has answered this survey); staff and governor surveys can need a one-time code.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from collegium.voice.models import AccessCode, Answer, Question, Survey, SurveyResponse
from collegium.voice.services.surveys import code_hash

LONGEST_ANSWER = 2_000
CODE_REFUSED = "one_time_code"


@dataclass(frozen=True)
class Given:
    """One question's answer as the form cleaned it: a scale position or words."""

    question: Question
    choice: int | None = None
    text: str = ""


def submit_response(
    survey: Survey, answers: list[Given], code: str = "", today: date | None = None
) -> SurveyResponse:
    today = today or timezone.localdate()
    if not survey.is_open(today):
        raise ValidationError("This survey is closed. Thank you for wanting to take part.")
    given = [a for a in answers if a.choice is not None or a.text.strip()]
    if not given:
        raise ValidationError("Answer at least one question")
    _check_answers(survey, given)
    with transaction.atomic():
        if survey.uses_codes:
            _use_code(survey, code)
        response = SurveyResponse.objects.create(survey=survey, submitted_on=today)
        Answer.objects.bulk_create(
            Answer(response=response, question=a.question, choice=a.choice, text=a.text.strip())
            for a in given
        )
    return response


def _check_answers(survey: Survey, given: list[Given]) -> None:
    size = survey.version.scale.count()
    for answer in given:
        if answer.question.version_id != survey.version_id:
            raise ValidationError("That question is not part of this survey")
        if answer.choice is not None and not 1 <= answer.choice <= size:
            raise ValidationError(f"Choose an answer to: {answer.question.text}")
        if len(answer.text) > LONGEST_ANSWER:
            raise ValidationError(f"Answers must be {LONGEST_ANSWER:,} characters or fewer")


def _use_code(survey: Survey, code: str) -> None:
    found = AccessCode.objects.select_for_update().filter(
        survey=survey, code_hash=code_hash(survey, code), used=False
    )
    if not code.strip() or not found.update(used=True):
        raise ValidationError("Enter the one-time code you were given. Each code can be used once.")
