"""improvement:plans-download and plan-download: action plans and their progress (milestones,
states, due dates, overdue) as CSV or XLSX; the plan page's print view. Each person gets only the
plans they may open, and no survey figure is ever in a download."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from collegium.clusters.models import Cluster
from collegium.improvement.models import Action, ActionPlan, CheckIn, Milestone, SuccessMeasure
from collegium.improvement.tests.conftest import make_plan
from collegium.improvement.tests.test_plan_list import add_plans
from tests.downloads import csv_rows, filename_of, xlsx_rows


def plans_url(fmt="csv"):
    return reverse("improvement:plans-download", args=[fmt])


def plan_url(plan, fmt="csv"):
    return reverse("improvement:plan-download", args=[plan.pk, fmt])


@pytest.fixture
def active_plan(agreed_review, school_leader) -> ActionPlan:
    """An agreed plan: its first milestone due in 30 days, a second overdue and checked in on,
    a third done; and a survey success measure, which downloads leave out."""
    plan = make_plan(agreed_review, school_leader, ActionPlan.Status.ACTIVE)
    action = plan.actions.get()
    late = Milestone.objects.create(
        action=action,
        description="=Catch-up groups start",
        due_on=date.today() - timedelta(days=3),
        status=Milestone.Status.AT_RISK,
    )
    CheckIn.objects.create(
        milestone=late,
        status=Milestone.Status.AT_RISK,
        evidence="Staff absent",
        recorded_by=school_leader,
    )
    other = Action.objects.create(
        plan=plan, position=1, description="Train staff", owner=school_leader
    )
    Milestone.objects.create(
        action=other,
        description="Phonics training done",
        due_on=date.today() - timedelta(days=10),
        status=Milestone.Status.DONE,
        done_on=date.today() - timedelta(days=12),
    )
    SuccessMeasure.objects.create(
        plan=plan, kind=SuccessMeasure.Kind.SURVEY, description="Pupils say reading is fun"
    )
    return plan


def test_the_school_leader_downloads_the_plan_with_its_progress(
    client_for, school_leader, active_plan
):
    response = client_for(school_leader).get(plan_url(active_plan))
    rows = csv_rows(response)
    assert filename_of(response) == f"action-plan-{active_plan.pk}.csv"
    assert rows[0][6:] == [
        "Action",
        "Action owner",
        "Milestone",
        "Due",
        "Milestone status",
        "Done on",
        "Overdue",
        "Last check-in",
    ]
    by_milestone = {row[8]: row for row in rows[1:]}
    assert set(by_milestone) == {
        "Every pupil who fell behind is assessed",
        "'=Catch-up groups start",
        "Phonics training done",
    }
    late = by_milestone["'=Catch-up groups start"]
    assert late[0] == "Ash Primary School" and late[5] == "Under way"
    assert late[6] == "Daily catch-up sessions" and late[7] == "Sam Leader"
    assert late[9] == (date.today() - timedelta(days=3)).isoformat()
    assert late[10] == "At risk" and late[12] == "Yes" and late[13] != ""
    done = by_milestone["Phonics training done"]
    assert done[10] == "Done" and done[12] == "No" and done[11] != ""
    assert not any("reading is fun" in cell for row in rows for cell in row)


def test_the_xlsx_has_the_due_dates_as_dates(client_for, school_leader, active_plan):
    rows = xlsx_rows(client_for(school_leader).get(plan_url(active_plan, "xlsx")))
    due = {row[8]: row[9] for row in rows[1:]}
    assert due["=Catch-up groups start"].date() == date.today() - timedelta(days=3)


def test_the_plans_download_holds_every_plan_the_person_sees(
    client_for, coordinator, moderator, active_plan, la, framework_version, network_admin
):
    add_plans(la, Cluster.objects.create(name="Birch Cluster"), framework_version, network_admin, 1)
    rows = csv_rows(client_for(coordinator).get(plans_url()))
    assert len(rows) == 4 and {row[0] for row in rows[1:]} == {"Ash Primary School"}
    everyone = csv_rows(client_for(moderator).get(plans_url()))
    assert {row[0] for row in everyone[1:]} == {"Ash Primary School", "Plan school 001"}


def test_a_plan_without_milestones_has_one_row(client_for, school_leader, plan):
    plan.actions.all().delete()
    rows = csv_rows(client_for(school_leader).get(plans_url()))
    assert len(rows) == 2 and rows[1][0] == "Ash Primary School" and rows[1][8] == ""


def test_those_refused_the_plan_are_refused_its_download(client_for, outsider, plan):
    assert client_for(outsider).get(plan_url(plan)).status_code == 404
    assert client_for(outsider).get(plans_url()).status_code == 403
    for url in (plan_url(plan), plans_url("xlsx")):
        anonymous = client_for(None).get(url)
        assert anonymous.status_code == 302 and "/sign-in/" in anonymous.url


def test_the_pages_link_the_downloads(client_for, school_leader, plan):
    client = client_for(school_leader)
    assert plans_url() in client.get(reverse("improvement:plans")).text
    page = client.get(reverse("improvement:plan", args=[plan.pk])).text
    assert plan_url(plan) in page and plan_url(plan, "xlsx") in page


def test_the_plan_page_prints(client_for, school_leader, plan):
    page = client_for(school_leader).get(reverse("improvement:plan", args=[plan.pk])).text
    assert 'rel="stylesheet" media="print" href="/static/print.css"' in page
    assert "Print this page" in page and 'src="/static/print.js"' in page
