"""While a complaint is open the review's summary is not published; the page says why and until
when. A complaint is also a reason to moderate the review."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from collegium.complaints import services
from collegium.complaints.gates import no_open_complaint
from collegium.complaints.models import Outcome
from collegium.quality.models import NetworkModerationSettings, SampledReview
from collegium.quality.sampling import reasons_for
from collegium.reports.models import Report
from collegium.reports.publication import PUBLICATION_GATES, publication_blockers, publish_summary

from .conftest import MONDAY


@pytest.fixture(autouse=True)
def _moderation_not_required(db) -> None:
    """Only the complaints gate is tried here; the moderation gate has its own tests."""
    NetworkModerationSettings.objects.update_or_create(
        pk=1, defaults={"requires_moderation": False}
    )


def test_the_gate_is_one_of_the_publication_gates():
    assert no_open_complaint in PUBLICATION_GATES


def test_publishing_with_an_open_complaint_is_refused_with_the_stage_and_its_due_day(
    complaint, lead_reviewer
):
    report = Report.objects.get(pk=complaint.report_id)
    due = complaint.stages.get().due_on
    reason = (
        "A complaint about this review is open (stage 1, resolution by the lead reviewer and the "
        f"cluster coordinator, due {due:%-d %B %Y})"
    )
    assert publication_blockers(report) == [reason]
    with pytest.raises(ValidationError) as refused:
        publish_summary(lead_reviewer, report)
    assert refused.value.messages == [reason]
    report.refresh_from_db()
    assert report.status == Report.Status.FINAL and report.published_at is None


def test_the_reason_names_stage_2_review_by_a_moderator(stage_2):
    due = stage_2.stages.get(number=2).due_on
    assert no_open_complaint(stage_2.report) == (
        f"A complaint about this review is open (stage 2, review by a moderator, due "
        f"{due:%-d %B %Y})"
    )


def test_a_decided_stage_holds_publication_until_the_schools_last_day(complaint, lead_reviewer):
    stage = services.decide_stage(lead_reviewer, complaint, Outcome.UPHELD, "Yes.", today=MONDAY)
    assert no_open_complaint(complaint.report) == (
        "A complaint about this review is open (stage 1 decided; the school may take it further "
        f"until {stage.answer_due_on:%-d %B %Y})"
    )


def test_once_the_complaint_is_closed_the_summary_is_published(
    complaint, lead_reviewer, school_leader
):
    services.decide_stage(lead_reviewer, complaint, Outcome.NOT_UPHELD, "No.", today=MONDAY)
    services.accept_outcome(school_leader, complaint, today=date(2027, 1, 12))
    report = Report.objects.get(pk=complaint.report_id)
    assert no_open_complaint(report) is None
    assert publish_summary(lead_reviewer, report).is_published


def test_a_complaint_is_a_moderation_sampling_reason(complaint, finalised):
    assert SampledReview.Reason.COMPLAINT in reasons_for(finalised)
    assert SampledReview.Reason.COMPLAINT.label == "The school made a complaint"


def test_a_review_without_a_complaint_is_not_sampled_for_one(finalised):
    assert SampledReview.Reason.COMPLAINT not in reasons_for(finalised)
