"""The home page's to-dos of issue 15 that tests/test_home_to_dos.py does not build: for each,
the state, the item with its link (and when it is due, where it has a deadline), the link opening
for its person, and someone who must not see it."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from collegium.clusters.models import Cluster
from collegium.complaints import services as complaints
from collegium.complaints.models import Complaint, Outcome
from collegium.complaints.tests.conftest import agree, at_stage_2, final, make_complaint
from collegium.improvement.models import Action, ActionPlan, Milestone
from collegium.improvement.tests.conftest import make_plan
from collegium.people.models import Role
from collegium.reports.models import Report
from collegium.reports.tests.conftest import agree_judgements
from collegium.reviews.models import Review
from collegium.safeguarding import exchange
from collegium.safeguarding.reminders import BOARD_WAIT
from collegium.safeguarding.services import audits, templates
from collegium.safeguarding.tests.conftest import MONDAY, SMALL, rate_all
from collegium.support.models import SupportRequest
from collegium.termdates.calendar import add_school_working_days
from conftest import grant, make_user
from tests.test_home_to_dos import home, listed, opens, when_shown

TODAY = timezone.localdate()


def day(on: date) -> str:
    return f"{on:%-d %B %Y}"


@pytest.fixture
def beech_head(school_b):
    return grant(make_user("Bea Head"), Role.SCHOOL_LEADER, school=school_b)


@pytest.fixture
def beech_governor(school_b):
    return grant(make_user("Gil Governor"), Role.GOVERNOR, school=school_b)


@pytest.fixture
def agreed_review(review, lead_reviewer) -> Review:
    """Judgements and the improvement priority agreed."""
    return agree_judgements(review, lead_reviewer)


def active_plan_with_overdue_milestone(review: Review, owner) -> ActionPlan:
    plan = make_plan(review, owner, status=ActionPlan.Status.ACTIVE)
    action = Action.objects.create(plan=plan, description="Reading leads visit", owner=owner)
    Milestone.objects.create(
        action=action, description="Reading leads visit Beech", due_on=TODAY - timedelta(days=5)
    )
    return plan


# School leaders


def test_head_is_asked_to_start_the_action_plan(
    client_for, agreed_review, school_leader, governor, beech_head
):
    item = (
        reverse("improvement:review", args=[agreed_review.pk]),
        f"Start the action plan for Ash Primary School (review of {day(agreed_review.start_date)})",
    )
    assert item in listed(home(client_for, school_leader))
    opens(client_for, school_leader, item[0])
    for person in (governor, beech_head):
        assert item not in listed(home(client_for, person))


def test_head_is_asked_to_check_in_on_an_overdue_milestone(
    client_for, agreed_review, school_leader, beech_head
):
    plan = active_plan_with_overdue_milestone(agreed_review, school_leader)
    milestone = Milestone.objects.get(action__plan=plan, description="Reading leads visit Beech")
    due = TODAY - timedelta(days=5)
    item = (
        reverse("improvement:check_in", args=[plan.pk, milestone.pk]),
        f"Check in on ‘Reading leads visit Beech’, due {day(due)}",
    )
    page = home(client_for, school_leader)
    assert item in listed(page)
    assert when_shown(page, item[1]) == f"Overdue since {day(due)}"
    opens(client_for, school_leader, item[0])
    assert item not in listed(home(client_for, beech_head))


def test_head_answers_another_schools_request_for_support(
    client_for, agreed_review, school_leader, school_b, beech_head, governor
):
    plan = make_plan(agreed_review, school_leader)
    support = SupportRequest.objects.create(
        need=plan.support_needs.get(), offering_school=school_b, message="Could we visit?"
    )
    item = (
        reverse("support:request", args=[support.pk]),
        "Answer Ash Primary School’s request for support",
    )
    assert item in listed(home(client_for, beech_head))
    opens(client_for, beech_head, item[0])
    for person in (school_leader, governor):  # Ash asked; only Beech answers
        assert item not in listed(home(client_for, person))


@pytest.fixture
def complaint(review, school_leader) -> Complaint:
    """About Ash's review, received at stage 1 on 11 January 2027 (complaints/tests/conftest)."""
    Report.objects.create(review=review)
    final(agree(review))
    return make_complaint(school_leader, review)


def test_head_answers_a_complaint_outcome_by_its_deadline(
    client_for, complaint, lead_reviewer, school_leader, governor, beech_head
):
    received = date(2027, 1, 11)
    complaints.decide_stage(
        lead_reviewer, complaint, Outcome.NOT_UPHELD, "Seen in two lessons.", today=received
    )
    stage = complaint.stages.get(number=1)
    due = stage.answer_due_on or stage.due_on
    item = (
        reverse("complaints:respond", args=[complaint.pk]),
        "Take the complaint about Ash Primary School's review to stage 2 or accept the outcome "
        f"of stage 1, by {day(due)}",
    )
    page = home(client_for, school_leader)
    assert item in listed(page)
    assert day(due) in when_shown(page, item[1])
    opens(client_for, school_leader, item[0])
    for person in (governor, beech_head):
        assert item not in listed(home(client_for, person))


# Moderators and adjudicators


def test_moderator_decides_stage_2_and_adjudicator_holds_the_hearing(
    client_for, complaint, lead_reviewer, school_leader, network_admin, moderator, adjudicator
):
    other_moderator = grant(make_user("Max Moderator"), Role.MODERATOR)
    other_adjudicator = grant(make_user("Abe Adjudicator"), Role.ADJUDICATOR)
    complaint = at_stage_2(complaint, lead_reviewer, school_leader, network_admin, moderator)
    decide = reverse("complaints:decide", args=[complaint.pk])
    stage_2 = complaint.stages.get(number=2)
    text = (
        "Decide stage 2 of the complaint about Ash Primary School's review "
        f"(due {day(stage_2.due_on)})"
    )
    if stage_2.is_late(TODAY):
        text = text.replace("(due", "(overdue since")
    page = home(client_for, moderator)
    assert (decide, text) in listed(page)
    assert day(stage_2.due_on) in when_shown(page, text)
    opens(client_for, moderator, decide)
    assert decide not in [href for href, _ in listed(home(client_for, other_moderator))]

    complaints.decide_stage(
        moderator, complaint, Outcome.NOT_UPHELD, "The evidence holds.", today=date(2027, 1, 13)
    )
    complaints.escalate(school_leader, complaint, today=date(2027, 1, 14))
    complaints.assign_handler(network_admin, complaint, adjudicator, today=date(2027, 1, 14))
    hearing = [text for href, text in listed(home(client_for, adjudicator)) if href == decide]
    assert len(hearing) == 1 and hearing[0].startswith(
        "Decide stage 3 of the complaint about Ash Primary School's review"
    )
    opens(client_for, adjudicator, decide)
    for person in (other_adjudicator, moderator):
        assert decide not in [href for href, _ in listed(home(client_for, person))]


# Lead reviewers and coordinators


def test_lead_finalises_the_report_once_the_check_has_ended(
    client_for, agreed_review, lead_reviewer, reviewer, school_leader
):
    report = Report.objects.create(
        review=agreed_review,
        status=Report.Status.ACCURACY_CHECK,
        sent_for_check_at=timezone.now(),
        accuracy_check_due=TODAY - timedelta(days=1),  # the school let it pass without a word
    )
    item = (
        reverse("reports:report", args=[report.pk]),
        "Finalise the report on Ash Primary School's review",
    )
    assert item in listed(home(client_for, lead_reviewer))
    opens(client_for, lead_reviewer, item[0])
    for person in (reviewer, school_leader):  # only the lead finalises
        assert item not in listed(home(client_for, person))


def test_coordinator_schedules_the_improvement_workshop(
    client_for, agreed_review, coordinator, school_leader
):
    item = (
        reverse("improvement:schedule-workshop", args=[agreed_review.pk]),
        "Schedule the improvement workshop for Ash Primary School",
    )
    assert item in listed(home(client_for, coordinator))
    opens(client_for, coordinator, item[0])
    elsewhere = Cluster.objects.create(name="Elsewhere Cluster", locality="Elsewhere")
    other = grant(make_user("Col Coordinator"), Role.CLUSTER_COORDINATOR, cluster=elsewhere)
    for person in (other, school_leader):
        assert item not in listed(home(client_for, person))


# Governors


def test_governor_is_told_the_plan_is_behind(
    client_for, agreed_review, school_leader, governor, beech_governor
):
    plan = active_plan_with_overdue_milestone(agreed_review, school_leader)
    item = (
        reverse("improvement:plan", args=[plan.pk]),
        "Ask about Ash Primary School's action plan: 1 milestone is overdue",
    )
    assert item in listed(home(client_for, governor))
    opens(client_for, governor, item[0])
    for person in (beech_governor, school_leader):
        assert item not in listed(home(client_for, person))


def test_governor_records_the_boards_review_of_the_safeguarding_audit(
    client_for, school_a, school_leader, governor, beech_governor
):
    version = templates.publish_version(None, exchange.import_text(None, SMALL, "yaml"))
    audit = audits.start_audit(school_leader, school_a, version, today=MONDAY)
    rate_all(audit, school_leader, amber=())
    audits.submit_audit(school_leader, audit, today=MONDAY)
    text = "Record the governing board's review of Ash Primary School's safeguarding audit"
    item = (reverse("safeguarding:board-review", args=[audit.pk]), text)
    page = home(client_for, governor)
    assert item in listed(page)
    assert day(add_school_working_days(MONDAY, BOARD_WAIT)) in when_shown(page, text)
    opens(client_for, governor, item[0])
    for person in (beech_governor, school_leader):  # only the school's governors record it
        assert item not in listed(home(client_for, person))
