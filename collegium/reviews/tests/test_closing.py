"""Closing a review: only once agreed, never with an unanswered concern or a report not final."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.reports.models import Report
from collegium.reviews.models import Concern, Review
from collegium.reviews.services.closing import close_review


@pytest.fixture
def agreed(review):
    review.status = Review.Status.AGREED
    review.save()
    return review


def refused(review, lead) -> list[str]:
    with pytest.raises(ValidationError) as raised:
        close_review(lead, review)
    review.refresh_from_db()
    assert review.status != Review.Status.CLOSED
    return raised.value.messages


def test_lead_closes_an_agreed_review_with_a_final_report(agreed, lead_reviewer):
    Report.objects.create(review=agreed, status=Report.Status.FINAL)
    close_review(lead_reviewer, agreed)
    agreed.refresh_from_db()
    assert agreed.status == Review.Status.CLOSED
    assert AuditEvent.objects.filter(action=verbs.REVIEW_CLOSED, actor=lead_reviewer).exists()


def test_published_report_is_final_enough(agreed, lead_reviewer):
    Report.objects.create(review=agreed, status=Report.Status.PUBLISHED)
    assert close_review(lead_reviewer, agreed).status == Review.Status.CLOSED


@pytest.mark.parametrize("status", [None, Report.Status.DRAFT, Report.Status.ACCURACY_CHECK])
def test_report_must_be_final(agreed, lead_reviewer, status):
    if status:
        Report.objects.create(review=agreed, status=status)
    assert refused(agreed, lead_reviewer) == ["The report must be final before the review closes"]


def test_unanswered_concern_blocks_closing(agreed, lead_reviewer, school_leader):
    Report.objects.create(review=agreed, status=Report.Status.FINAL)
    concern = Concern.objects.create(review=agreed, raised_by=school_leader, text="Feedback")
    raised = timezone.localtime(concern.raised_at)
    assert refused(agreed, lead_reviewer) == [
        f"Answer the school's concern raised on {raised:%-d %B %Y} before closing the review"
    ]


def test_review_still_in_the_visit_cannot_close(review, lead_reviewer):
    review.status = Review.Status.VISIT
    review.save()
    assert "Agree the judgements before closing the review" in refused(review, lead_reviewer)


def test_planning_review_cannot_close(review, lead_reviewer):
    assert refused(review, lead_reviewer) == ["You cannot close a review that is planning."]


def test_only_the_lead_closes(agreed, reviewer):
    Report.objects.create(review=agreed, status=Report.Status.FINAL)
    assert refused(agreed, reviewer) == ["Only the review's lead reviewer can close the review"]


def test_a_closed_review_counts_on_the_reviewers_public_profile(review, client, lead_reviewer):
    url = f"/reviewers/{lead_reviewer.reviewer_profile.pk}/"
    assert "1 (1 as lead reviewer)" not in client.get(url).text
    review.status = Review.Status.CLOSED
    review.save()
    assert "1 (1 as lead reviewer)" in client.get(url).text
