"""The demo network has a complaint at each stage and one upheld in part that changed a
judgement; the review at the hearing cannot be published."""

import pytest
from django.core.exceptions import ValidationError

from collegium.accounts.models import User
from collegium.complaints.models import Complaint, Outcome
from collegium.complaints.selectors import steps_for
from collegium.reports.models import Report
from collegium.reports.publication import publish_summary
from collegium.reviews.models import JudgementRevision


@pytest.fixture
def demo(demo_network) -> None:
    """The demo network, loaded once a run (conftest.py)."""


def test_a_complaint_at_each_stage_and_one_upheld_in_part(demo):
    open_at = sorted(Complaint.objects.filter(status="open").values_list("stage", flat=True))
    assert open_at == [1, 2, 3]
    closed = Complaint.objects.get(status="closed")
    assert closed.outcome == Outcome.UPHELD_IN_PART
    assert closed.report.status == Report.Status.PUBLISHED  # it stays published
    revision = JudgementRevision.objects.get(source=JudgementRevision.Source.COMPLAINT)
    assert revision.judgement.review == closed.review
    assert revision.old_level is not None
    assert revision.new_level == revision.old_level - 1  # one level stronger


def test_the_summary_at_the_hearing_is_held(demo):
    hearing = Complaint.objects.get(status="open", stage=3)
    lead = hearing.review.team.get(role="lead").reviewer.user
    with pytest.raises(ValidationError, match=r"A complaint about this review is open \(stage 3"):
        publish_summary(lead, hearing.report)


def test_the_adjudicator_and_the_moderator_have_a_stage_to_decide(demo):
    adjudicator = User.objects.get(full_name="Ada Adjudicator")
    moderator = User.objects.get(full_name="Mo Moderator")
    (step,) = steps_for(adjudicator, hearing_day := Complaint.objects.get(stage=3).received_on)
    assert step.text.startswith("Decide stage 3 of the complaint")
    assert any("Decide stage 2" in s.text for s in steps_for(moderator, hearing_day))
