"""R5 concern services: the school raises during the visit, the lead answers once."""

import pytest
from django.core.exceptions import ValidationError

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.reviews.models import Concern, Review
from collegium.reviews.services.concerns import raise_concern, respond_to_concern


@pytest.fixture
def visit(review):
    review.status = Review.Status.VISIT
    review.save()
    return review


def test_school_leader_raises_and_lead_answers(visit, school_leader, lead_reviewer):
    concern = raise_concern(school_leader, visit, "A pupil was interviewed without an adult")
    assert not concern.is_answered
    respond_to_concern(lead_reviewer, concern, "We will always have an adult present")
    concern.refresh_from_db()
    assert concern.is_answered and concern.responded_by == lead_reviewer
    assert AuditEvent.objects.filter(action=verbs.CONCERN_RAISED, actor=school_leader).exists()
    answered = AuditEvent.objects.get(action=verbs.CONCERN_ANSWERED)
    assert answered.before["response"] == ""
    assert answered.after["response"] == "We will always have an adult present"


def test_concern_is_refused_outside_the_visit(review, school_leader):
    with pytest.raises(ValidationError, match="once the visit has started"):
        raise_concern(school_leader, review, "Too early")
    review.status = Review.Status.AGREED
    review.save()
    with pytest.raises(ValidationError, match="The visit has ended"):
        raise_concern(school_leader, review, "Too late")
    assert not Concern.objects.exists()


def test_only_the_schools_leaders_raise_concerns(visit, reviewer, governor):
    for person in (reviewer, governor):
        with pytest.raises(ValidationError, match="Only the school's leaders"):
            raise_concern(person, visit, "Not theirs to raise")
    assert not Concern.objects.exists()


def test_empty_concern_or_response_is_refused(visit, school_leader, lead_reviewer):
    with pytest.raises(ValidationError, match="Enter your concern"):
        raise_concern(school_leader, visit, " ")
    concern = raise_concern(school_leader, visit, "Timing of the feedback")
    with pytest.raises(ValidationError, match="Enter your response"):
        respond_to_concern(lead_reviewer, concern, "")


def test_only_the_lead_answers_and_only_once(visit, school_leader, reviewer, lead_reviewer):
    concern = raise_concern(school_leader, visit, "Timing of the feedback")
    with pytest.raises(ValidationError, match="Only the review's lead reviewer"):
        respond_to_concern(reviewer, concern, "Peer answer")
    respond_to_concern(lead_reviewer, concern, "Feedback moves to 15:30")
    with pytest.raises(ValidationError, match="already been answered"):
        respond_to_concern(lead_reviewer, concern, "Changed my mind")
    concern.refresh_from_db()
    assert concern.response == "Feedback moves to 15:30"


def test_lead_can_answer_after_agreement(visit, school_leader, lead_reviewer):
    concern = raise_concern(school_leader, visit, "Timing of the feedback")
    visit.status = Review.Status.AGREED
    visit.save()
    respond_to_concern(lead_reviewer, concern, "Answered after the team meeting")
    visit.status = Review.Status.CLOSED
    visit.save()
    other = Concern.objects.create(review=visit, text="Raised by hand", raised_by=school_leader)
    with pytest.raises(ValidationError, match="review that is closed"):
        respond_to_concern(lead_reviewer, other, "Too late")
