"""At the school's next review, its lead reviewer revisits the previous priority: the earlier
action plan is shown, and the outcome (achieved / partly / not achieved) recorded with a note."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.improvement.models import ActionPlan, SuccessMeasure
from collegium.improvement.tests.conftest import make_plan
from collegium.reports.tests.conftest import agree_judgements
from collegium.reviews.models import Review, TeamMember
from collegium.schools.models import KeyStage2Result

ACHIEVED = {"outcome": "achieved", "note": "Every pupil who fell behind caught up by March."}


@pytest.fixture
def earlier_plan(agreed_review, school_leader) -> ActionPlan:
    return make_plan(agreed_review, school_leader, ActionPlan.Status.COMPLETED)


def next_review_of(earlier: Review, lead_user, peer_user, status=Review.Status.VISIT) -> Review:
    review = Review.objects.create(
        school=earlier.school,
        cluster=earlier.cluster,
        kind=earlier.kind,
        framework_version=earlier.framework_version,
        start_date=earlier.start_date + timedelta(days=364),
        days=2,
        status=status,
    )
    TeamMember.objects.create(
        review=review, reviewer=lead_user.reviewer_profile, role=TeamMember.Role.LEAD
    )
    TeamMember.objects.create(
        review=review, reviewer=peer_user.reviewer_profile, role=TeamMember.Role.PEER
    )
    return review


@pytest.fixture
def next_review(earlier_plan, lead_reviewer, reviewer) -> Review:
    return next_review_of(earlier_plan.review, lead_reviewer, reviewer)


def url(review: Review) -> str:
    return f"/improvement/reviews/{review.pk}/previous-priority/"


def test_the_lead_sees_the_previous_priority_and_records_its_outcome(
    earlier_plan, next_review, lead_reviewer, client_for
):
    client = client_for(lead_reviewer)
    page = client.get(url(next_review))
    assert page.status_code == 200
    assert "Make sure pupils who fall behind in reading catch up quickly." in page.text
    assert "Every pupil who fell behind is assessed" in page.text  # its milestone
    assert "Record the outcome" in page.text
    assert ">Check in<" not in page.text
    answer = client.post(url(next_review), ACHIEVED)
    assert answer.status_code == 302
    assert [str(m) for m in get_messages(answer.wsgi_request)] == [
        "The outcome of the previous priority has been recorded."
    ]
    earlier_plan.refresh_from_db()
    assert earlier_plan.outcome == ActionPlan.Outcome.ACHIEVED
    assert earlier_plan.outcome_note == ACHIEVED["note"]
    assert earlier_plan.outcome_review == next_review
    assert earlier_plan.outcome_recorded_by == lead_reviewer
    assert AuditEvent.objects.filter(action=verbs.PRIORITY_OUTCOME_RECORDED).exists()
    assert "caught up by March" in client.get(url(next_review)).text


def test_the_outcome_needs_a_note(earlier_plan, next_review, lead_reviewer, client_for):
    answer = client_for(lead_reviewer).post(url(next_review), {"outcome": "partly"})
    assert answer.status_code == 400
    assert "Enter what the review team found about the priority" in answer.text
    earlier_plan.refresh_from_db()
    assert earlier_plan.outcome == ""


def test_the_most_recent_earlier_plan_is_revisited(
    earlier_plan, next_review, lead_reviewer, reviewer, client_for
):
    later = next_review_of(next_review, lead_reviewer, reviewer)
    newer_plan = make_plan(agree_judgements(next_review, lead_reviewer), earlier_plan.created_by)
    client_for(lead_reviewer).post(url(later), ACHIEVED)
    newer_plan.refresh_from_db()
    earlier_plan.refresh_from_db()
    assert newer_plan.outcome_review == later
    assert earlier_plan.outcome == ""


def test_no_earlier_plan_is_said(agreed_review, lead_reviewer, client_for):
    page = client_for(lead_reviewer).get(url(agreed_review))
    assert page.status_code == 200
    assert "has no action plan from an earlier review" in page.text
    assert client_for(lead_reviewer).post(url(agreed_review), ACHIEVED).status_code == 200


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (Review.Status.PLANNING, "once the visit has started"),
        (Review.Status.CLOSED, "This review is closed"),
    ],
)
def test_refused_outside_the_visit_and_agreement(
    earlier_plan, lead_reviewer, reviewer, client_for, status, reason
):
    review = next_review_of(earlier_plan.review, lead_reviewer, reviewer, status)
    client = client_for(lead_reviewer)
    page = client.get(url(review))
    assert reason in page.text
    assert "Save the outcome" not in page.text
    answer = client.post(url(review), ACHIEVED)
    assert answer.status_code == 400
    assert reason in answer.text
    earlier_plan.refresh_from_db()
    assert earlier_plan.outcome == ""


def test_an_outcome_from_another_review_is_not_changed(
    earlier_plan, next_review, lead_reviewer, reviewer, client_for
):
    client_for(lead_reviewer).post(url(next_review), ACHIEVED)
    later = next_review_of(next_review, lead_reviewer, reviewer)
    answer = client_for(lead_reviewer).post(url(later), {"outcome": "not_achieved", "note": "No"})
    assert answer.status_code == 400
    assert "recorded at another review" in answer.text
    earlier_plan.refresh_from_db()
    assert (earlier_plan.outcome, earlier_plan.outcome_review) == ("achieved", next_review)


def test_others_are_refused(
    earlier_plan, next_review, reviewer, school_leader, governor, outsider, client_for
):
    for person in (reviewer, school_leader):  # may see the review, may not record
        assert client_for(person).get(url(next_review)).status_code == 403
        assert client_for(person).post(url(next_review), ACHIEVED).status_code == 403
    for person in (governor, outsider):
        assert client_for(person).get(url(next_review)).status_code == 404
    assert client_for(None).get(url(next_review)).status_code == 302
    earlier_plan.refresh_from_db()
    assert earlier_plan.outcome == ""


def test_what_the_school_did_comes_before_the_form(
    earlier_plan, next_review, lead_reviewer, client_for
):
    SuccessMeasure.objects.create(
        plan=earlier_plan, kind="context", description="Reading results",
        context_figure="ks2_expected",
    )  # fmt: skip
    school = earlier_plan.review.school
    KeyStage2Result.objects.create(school=school, year=2024, pct_expected_standard=63.0)
    page = client_for(lead_reviewer).get(url(next_review)).text
    earlier = earlier_plan.review.start_date
    assert f"Review of {earlier:%-d %B %Y}" in page
    assert "Earlier review" not in page and "Started" not in page
    form = page.index(f'action="{url(next_review)}"')
    evidence = page.index("What the school did")
    for shown in (
        "Make sure pupils who fall behind in reading catch up quickly.",  # the priority
        "Every pupil who fell behind is assessed",  # a milestone
        "Not started",  # its status
        "Reading results",  # a measure
        "63% in 2023/24",  # its published figure
    ):
        assert evidence < page.index(shown) < form, shown


def test_a_recorded_outcome_is_shown_once_with_a_link_to_change_it(
    earlier_plan, next_review, lead_reviewer, client_for
):
    client = client_for(lead_reviewer)
    client.post(url(next_review), ACHIEVED)
    page = client.get(url(next_review)).text
    assert page.count("caught up by March") == 1
    assert "Save the outcome" not in page
    assert 'href="?change=1">Change the outcome</a>' in page
    changing = client.get(url(next_review) + "?change=1").text
    assert "Save the outcome" in changing
    assert changing.count("caught up by March") == 1  # in the form, not shown above it too
    assert 'value="achieved" checked' in changing


def test_no_change_link_once_the_review_is_closed(
    earlier_plan, next_review, lead_reviewer, client_for
):
    client = client_for(lead_reviewer)
    client.post(url(next_review), ACHIEVED)
    Review.objects.filter(pk=next_review.pk).update(status=Review.Status.CLOSED)
    page = client.get(url(next_review) + "?change=1").text
    assert "caught up by March" in page
    assert "Change the outcome" not in page and "Save the outcome" not in page
    assert "This review is closed" in page
