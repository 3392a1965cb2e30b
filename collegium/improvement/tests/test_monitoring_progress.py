"""The progress section of the plan page: what a governor reads. Milestones done out of all,
overdue ones marked, the latest check-in of each, readings, and the register's figures by year
for context measures."""

from datetime import date, timedelta

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from collegium.improvement.models import ActionPlan, Milestone, SuccessMeasure
from collegium.improvement.selectors.impact import plan_progress
from collegium.improvement.services import monitoring
from collegium.improvement.tests.conftest import make_plan
from collegium.schools.models import KeyStage2Result

TODAY = date.today()


@pytest.fixture
def busy_plan(agreed_review, school_leader) -> ActionPlan:
    """One milestone done, one overdue, one due later; a survey and a context measure."""
    plan = make_plan(agreed_review, school_leader, ActionPlan.Status.ACTIVE)
    action = plan.actions.get()
    first = Milestone.objects.get(action=action)
    monitoring.check_in(school_leader, first, "on_track", "Half the pupils assessed")
    monitoring.check_in(school_leader, first, "done", "All pupils assessed by the SENCo")
    late = Milestone.objects.create(
        action=action, description="Catch-up groups running", due_on=TODAY - timedelta(days=3)
    )
    monitoring.check_in(school_leader, late, "at_risk", "Two teaching assistants are off sick")
    Milestone.objects.create(action=action, description="Parents told", due_on=TODAY)
    survey = SuccessMeasure.objects.create(
        plan=plan, kind="survey", description="Pupils enjoy reading", target="80% agree"
    )
    monitoring.record_reading(school_leader, survey, TODAY, "64% agree", "Years 3 to 6")
    SuccessMeasure.objects.create(
        plan=plan, kind="context", description="Reading results", context_figure="ks2_expected"
    )
    school = agreed_review.school
    KeyStage2Result.objects.create(school=school, year=2023, pct_expected_standard=58.0)
    KeyStage2Result.objects.create(school=school, year=2024, pct_expected_standard=63.5)
    return plan


def render(plan: ActionPlan, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    context = {"plan": plan, "progress": plan_progress(plan), "request": request}
    return render_to_string("improvement/plan/_progress.html", context, request=request)


def test_counts_and_overdue(busy_plan):
    progress = plan_progress(busy_plan)
    assert (progress.done, len(progress.milestones)) == (1, 3)
    assert [m.milestone.description for m in progress.overdue] == ["Catch-up groups running"]
    latest = {m.milestone.description: m.latest for m in progress.milestones}
    done = latest["Every pupil who fell behind is assessed"]
    assert done is not None and done.evidence == "All pupils assessed by the SENCo"
    assert latest["Parents told"] is None


def test_the_governor_reads_progress(busy_plan, governor):
    html = render(busy_plan, governor)
    assert "1 of 3</strong> milestones done" in html
    assert "Overdue: " in html and "‘Catch-up groups running’</a> was due on" in html
    assert html.count(">Overdue<") == 1
    assert "All pupils assessed by the SENCo" in html
    assert "Half the pupils assessed" not in html  # only the latest check-in
    assert "Two teaching assistants are off sick" in html
    assert "64% agree" in html and "Years 3 to 6" in html
    assert "2022/23" in html and "58%" in html and "2023/24" in html and "63.5%" in html
    assert "Check in" not in html and "Add a reading" not in html
    assert "All check-ins" in html


def test_the_head_gets_links_to_check_in(busy_plan, school_leader):
    html = render(busy_plan, school_leader)
    assert html.count(">Check in<") == 3
    assert "Add a reading" in html
    assert f"/improvement/plans/{busy_plan.pk}/impact/" in html


def test_a_draft_plan_says_check_ins_come_later(plan, school_leader):
    Milestone.objects.filter(action__plan=plan).update(due_on=TODAY - timedelta(days=10))
    html = render(plan, school_leader)
    assert "still a draft" in html
    assert "Overdue" not in html
    assert ">Check in<" not in html


def test_the_plan_page_shows_progress_to_the_governor(busy_plan, governor, outsider, client_for):
    page = client_for(governor).get(f"/improvement/plans/{busy_plan.pk}/")
    assert page.status_code == 200
    assert "Progress</h2>" in page.text
    assert "1 of 3</strong> milestones done" in page.text
    assert "‘Catch-up groups running’</a> was due on" in page.text
    assert client_for(outsider).get(f"/improvement/plans/{busy_plan.pk}/").status_code == 404
