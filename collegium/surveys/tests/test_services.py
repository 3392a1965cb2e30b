"""submit_survey: the school's leader answers once, after agreement, with ratings from 1 to 5."""

import pytest
from django.core.exceptions import ValidationError

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.reviews.models import Review
from collegium.surveys.models import QUESTIONS, ReviewSurvey
from collegium.surveys.services import submit_survey

GOOD = {"conduct": 5, "workload": "3", "usefulness": 4, "evidence": 2, "comment": " Fair. "}


def at(review, status):
    review.status = status
    review.save()
    return review


@pytest.mark.parametrize("status", [Review.Status.AGREED, Review.Status.CLOSED])
def test_the_school_answers_once_judgements_are_agreed(school_leader, review, status):
    survey = submit_survey(school_leader, at(review, status), GOOD)
    survey.refresh_from_db()
    assert (survey.conduct, survey.workload, survey.usefulness, survey.evidence) == (5, 3, 4, 2)
    assert survey.comment == "Fair." and survey.answered_by == school_leader
    assert review.survey == survey


def test_the_answer_is_audited_without_its_ratings(school_leader, review):
    survey = submit_survey(school_leader, at(review, Review.Status.AGREED), GOOD)
    event = AuditEvent.objects.get(action=verbs.SURVEY_ANSWERED)
    assert event.actor == school_leader and event.object_id == str(survey.pk)
    # The review's team reads its history; a lead sees ratings only in aggregate.
    assert not {q.field for q in QUESTIONS} & set(event.after or {})


@pytest.mark.parametrize("status", [Review.Status.PLANNING, Review.Status.VISIT])
def test_refused_before_the_team_agrees_its_judgements(school_leader, review, status):
    with pytest.raises(ValidationError) as refusal:
        submit_survey(school_leader, at(review, status), GOOD)
    assert refusal.value.messages == [
        "You can answer the survey once the review team has agreed its judgements"
    ]
    assert not ReviewSurvey.objects.exists() and not AuditEvent.objects.exists()


def test_refused_for_a_cancelled_review(school_leader, review):
    with pytest.raises(ValidationError, match="The review was cancelled"):
        submit_survey(school_leader, at(review, Review.Status.CANCELLED), GOOD)
    assert not ReviewSurvey.objects.exists()


def test_a_second_answer_is_refused(school_leader, review):
    first = submit_survey(school_leader, at(review, Review.Status.AGREED), GOOD)
    with pytest.raises(ValidationError) as refusal:
        submit_survey(school_leader, review, GOOD | {"conduct": 1})
    assert refusal.value.messages == ["The school has already answered the survey for this review"]
    first.refresh_from_db()
    assert ReviewSurvey.objects.count() == 1 and first.conduct == 5


@pytest.mark.parametrize("bad", [0, 6, "", None, "four", "3.5", 3.5, True, -1])
def test_each_rating_must_be_a_whole_number_from_1_to_5(school_leader, review, bad):
    with pytest.raises(ValidationError) as refusal:
        submit_survey(school_leader, at(review, Review.Status.AGREED), GOOD | {"workload": bad})
    assert refusal.value.messages == [
        "Select how much you agree that what the review asked of our staff was reasonable"
    ]
    assert not ReviewSurvey.objects.exists()


def test_every_missing_rating_is_named(school_leader, review):
    with pytest.raises(ValidationError) as refusal:
        submit_survey(school_leader, at(review, Review.Status.AGREED), {})
    assert len(refusal.value.messages) == len(QUESTIONS)


def test_a_long_comment_is_refused(school_leader, review):
    at(review, Review.Status.AGREED)
    with pytest.raises(ValidationError, match="5,000 characters or fewer"):
        submit_survey(school_leader, review, GOOD | {"comment": "x" * 5001})
    assert not ReviewSurvey.objects.exists()


def test_only_the_schools_leaders_can_answer(governor, lead_reviewer, review):
    at(review, Review.Status.AGREED)
    for person in (governor, lead_reviewer):
        with pytest.raises(ValidationError, match="Only the school's leaders"):
            submit_survey(person, review, GOOD)
    assert not ReviewSurvey.objects.exists()
