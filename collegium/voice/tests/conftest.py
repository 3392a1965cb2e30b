"""The shipped question banks, a survey of school A's parents opened today, and responses sent
through the service."""

from datetime import timedelta

import pytest
from django.utils import timezone

from collegium.voice.models import BankVersion, Survey
from collegium.voice.services import responses, surveys
from collegium.voice.shipped import load_banks


@pytest.fixture
def shipped(db) -> None:
    load_banks()


def version_of(slug: str) -> BankVersion:
    published = BankVersion.objects.filter(bank__slug=slug, status=BankVersion.Status.PUBLISHED)
    found = published.order_by("-number").first()
    assert found is not None
    return found


def open_survey(school, slug: str = "parents-and-carers", **fields) -> Survey:
    today = timezone.localdate()
    fields.setdefault("opens_on", today)
    fields.setdefault("closes_on", today + timedelta(days=14))
    return surveys.open_survey(None, school, version_of(slug), **fields)


def answer(survey: Survey, count: int, choice: int = 1, words: str = "") -> None:
    """`count` responses, each answering every scale question with `choice`, and the text
    questions with `words` if given."""
    questions = list(survey.version.questions.all())
    for _ in range(count):
        given = [
            responses.Given(q, choice=choice)
            if q.kind == "scale"
            else responses.Given(q, text=words)
            for q in questions
        ]
        responses.submit_response(survey, given)


@pytest.fixture
def parents_survey(shipped, school_a) -> Survey:
    return open_survey(school_a)
