"""The cluster's view of improvement: every action plan with its state, the reviews with no plan
yet, and the overdue milestones; and the list of clusters for those who follow several."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse

from collegium.clusters.models import Cluster, Membership
from collegium.improvement.models import ActionPlan, Milestone, Workshop
from collegium.improvement.selectors.overview import (
    ClusterImprovement,
    PlanRow,
    cluster_improvement,
    workshops_to_do,
)
from collegium.improvement.tests.conftest import make_plan
from collegium.people.models import Role
from collegium.reports.tests.conftest import agree_judgements
from collegium.reviews.models import Review, TeamMember
from conftest import grant, make_user

TODAY = date.today()


def agreed_review_of(school, cluster, framework_version, lead_reviewer, weeks_ago: int) -> Review:
    """A review of the school, some weeks ago, whose judgements and priority (A2S1) are agreed."""
    review = Review.objects.create(
        school=school,
        cluster=cluster,
        kind=Review.Kind.CLUSTER,
        framework_version=framework_version,
        start_date=TODAY - timedelta(weeks=weeks_ago),
        days=2,
    )
    TeamMember.objects.create(
        review=review, reviewer=lead_reviewer.reviewer_profile, role=TeamMember.Role.LEAD
    )
    return agree_judgements(review, lead_reviewer)


def add_milestone(plan: ActionPlan, text: str, due_on: date, **fields) -> Milestone:
    action = plan.actions.first()
    assert action is not None
    return Milestone.objects.create(action=action, description=text, due_on=due_on, **fields)


@pytest.fixture
def cluster_plans(agreed_review, school_leader, school_b, school_c, cluster, framework_version,
                  lead_reviewer):  # fmt: skip
    """School A's plan under way with one overdue milestone and one done; school B's in draft
    (its old milestone is not counted overdue: the plan is not under way); school C waits."""
    ash = make_plan(agreed_review, school_leader, ActionPlan.Status.ACTIVE)
    add_milestone(ash, "Catch-up groups running in every class", TODAY - timedelta(days=10))
    add_milestone(ash, "Tutors trained", TODAY - timedelta(days=20), status=Milestone.Status.DONE)
    beech_review = agreed_review_of(school_b, cluster, framework_version, lead_reviewer, 8)
    beech = make_plan(beech_review, school_leader)
    add_milestone(beech, "Draft milestone long past", TODAY - timedelta(days=30))
    waiting = agreed_review_of(school_c, cluster, framework_version, lead_reviewer, 4)
    Workshop.objects.create(review=waiting, held_on=TODAY + timedelta(days=7))
    return ash, beech, waiting


@pytest.fixture
def other_coordinator(school_d):
    other = Cluster.objects.create(name="Elsewhere Cluster")
    Membership.objects.create(cluster=other, school=school_d, status=Membership.Status.MEMBER)
    return grant(make_user("Otto Other"), Role.CLUSTER_COORDINATOR, cluster=other)


def test_selector_counts_milestones_and_overdue_per_plan(cluster, cluster_plans):
    ash, beech, waiting = cluster_plans
    page = cluster_improvement(cluster, TODAY)
    rows = {row.plan: row for row in page.plans}
    assert (rows[ash].milestones_done, rows[ash].milestones_total, rows[ash].overdue) == (1, 3, 1)
    assert (rows[beech].milestones_done, rows[beech].milestones_total, rows[beech].overdue) == (
        0,
        2,
        0,
    )
    assert [item.review for item in page.waiting] == [waiting]
    assert [row.milestone.description for row in page.overdue] == [
        "Catch-up groups running in every class"
    ]
    assert page.overdue[0].days_overdue == 10  # calendar days since it was due


def test_a_milestone_due_on_friday_is_one_day_overdue_on_saturday(cluster, plan):
    friday, saturday = date(2025, 2, 28), date(2025, 3, 1)
    ActionPlan.objects.filter(pk=plan.pk).update(status=ActionPlan.Status.ACTIVE)
    Milestone.objects.filter(action__plan=plan).update(due_on=friday)
    page = cluster_improvement(cluster, saturday)
    assert [row.days_overdue for row in page.overdue] == [1]


def test_coordinator_sees_the_clusters_plans_and_overdue_milestones(
    client_for, coordinator, cluster, cluster_plans
):
    ash, beech, waiting = cluster_plans
    response = client_for(coordinator).get(f"/improvement/clusters/{cluster.pk}/")
    assert response.status_code == 200
    page = response.text
    assert "Ash Primary School" in page and "Beech Primary School" in page
    assert "Under way" in page and "Draft" in page
    assert "Status: </span>Under way" in page and ">State<" not in page
    assert f"Review of {ash.review.start_date:%-d %B %Y}" in page
    assert "A2S1 Strand 2.1" in page
    assert "1 of 3" in page and "0 of 2" in page
    assert f'href="{reverse("improvement:plan", args=[ash.pk])}"' in page
    assert f'href="{reverse("improvement:plan", args=[beech.pk])}"' in page
    # the overdue list: school, milestone (to its check-ins), owner, due date, days overdue
    assert "Catch-up groups running in every class" in page
    late = Milestone.objects.get(description="Catch-up groups running in every class")
    assert f'href="{reverse("improvement:check_in", args=[ash.pk, late.pk])}"' in page
    assert "10 days" in page
    assert "Sam Leader" in page
    due = TODAY - timedelta(days=10)
    assert f"{due:%-d %B %Y}" in page
    assert "Draft milestone long past" not in page
    assert "Days overdue are calendar days since the due date" in page
    # the review still waiting for a plan, with its workshop date
    assert "Cedar Academy" in page
    assert f'href="{reverse("improvement:review", args=[waiting.pk])}"' in page
    assert f"{TODAY + timedelta(days=7):%-d %B %Y}" in page
    assert (
        "2 action plans: 1 under way, 1 in draft, none completed. "
        "1 review with agreed judgements has no plan yet. 1 milestone is overdue."
    ) in page


def test_empty_cluster_says_so(client_for, coordinator, cluster):
    response = client_for(coordinator).get(f"/improvement/clusters/{cluster.pk}/")
    assert response.status_code == 200
    assert "No school in the cluster has an action plan yet." in response.text
    assert "No milestones are overdue." in response.text


def test_moderator_and_network_admin_see_any_cluster(
    client_for, moderator, network_admin, cluster, cluster_plans
):
    for person in (moderator, network_admin):
        response = client_for(person).get(f"/improvement/clusters/{cluster.pk}/")
        assert response.status_code == 200
        assert "Catch-up groups running in every class" in response.text


def test_coordinator_of_another_cluster_is_refused_with_404(
    client_for, other_coordinator, cluster, cluster_plans
):
    response = client_for(other_coordinator).get(f"/improvement/clusters/{cluster.pk}/")
    assert response.status_code == 404
    assert "Catch-up groups" not in response.text


def test_school_leader_of_a_member_school_is_refused(client_for, school_leader, cluster):
    response = client_for(school_leader).get(f"/improvement/clusters/{cluster.pk}/")
    assert response.status_code == 403


def test_public_is_asked_to_sign_in(client_for, cluster):
    for path in (f"/improvement/clusters/{cluster.pk}/", "/improvement/clusters/"):
        response = client_for(None).get(path)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/account/sign-in/?next=")


def test_list_of_clusters_shows_what_each_person_may_follow(
    client_for, coordinator, moderator, other_coordinator, cluster, cluster_plans
):
    other = Cluster.objects.get(name="Elsewhere Cluster")
    own = client_for(coordinator).get("/improvement/clusters/").text
    assert f'href="/improvement/clusters/{cluster.pk}/"' in own
    assert "Elsewhere Cluster" not in own
    every = client_for(moderator).get("/improvement/clusters/").text
    assert "Testtown Cluster" in every and "Elsewhere Cluster" in every
    assert f'href="/improvement/clusters/{other.pk}/"' in every


def test_list_of_clusters_refuses_school_leaders_and_reviewers(client_for, school_leader, reviewer):
    for person in (school_leader, reviewer):
        assert client_for(person).get("/improvement/clusters/").status_code == 403


def summary_of(statuses: list[str], waiting: int, overdue: int) -> str:
    """The summary of a cluster page with plans of the statuses, and numbers of reviews waiting
    and of milestones overdue (only counted, so stood for by anything)."""
    plans = [PlanRow(ActionPlan(status=status), 0, 0, 0) for status in statuses]
    anything: Any = None
    cluster = Cluster(name="Any")
    page = ClusterImprovement(cluster, plans, [anything] * waiting, [anything] * overdue)
    return " ".join(page.summary)


def test_the_summary_reads_naturally():
    assert summary_of(["active", "draft"], 0, 1) == (
        "2 action plans: 1 under way, 1 in draft, none completed. "
        "Every review with agreed judgements has a plan. 1 milestone is overdue."
    )
    assert summary_of(["completed"], 2, 0) == (
        "1 action plan, completed. 2 reviews with agreed judgements have no plan yet. "
        "No milestone is overdue."
    )
    assert summary_of(["active", "active", "active"], 1, 3) == (
        "3 action plans: 3 under way, none in draft, none completed. "
        "1 review with agreed judgements has no plan yet. 3 milestones are overdue."
    )
    assert summary_of([], 0, 0) == (
        "No action plans yet. No review in the cluster has agreed judgements yet. "
        "No milestone is overdue."
    )


def test_workshops_to_schedule_or_record(cluster, cluster_plans, coordinator):
    """Ash's plan is under way: no workshop is asked for. Beech's plan is a draft and its
    workshop is not scheduled; Cedar's is scheduled for next week."""
    ash, beech, waiting = cluster_plans
    rows = workshops_to_do(cluster, TODAY)
    assert [(row.review, row.held) for row in rows] == [(beech.review, False), (waiting, False)]
    assert rows[1].workshop is not None
    assert workshops_to_do(cluster, TODAY + timedelta(days=7))[1].held  # its day has come
    Workshop.objects.filter(review=waiting).update(notes="Priority scrutinised")
    assert [row.review for row in workshops_to_do(cluster, TODAY)] == [beech.review]


def test_the_coordinator_is_offered_to_schedule_and_record_workshops(
    client_for, coordinator, moderator, cluster, cluster_plans
):
    ash, beech, waiting = cluster_plans
    schedule = reverse("improvement:schedule-workshop", args=[beech.review.pk])
    record = reverse("improvement:record-workshop", args=[waiting.pk])
    page = client_for(coordinator).get(f"/improvement/clusters/{cluster.pk}/").text
    assert f'href="{schedule}">Schedule the workshop' in page
    assert record not in page  # not held yet
    assert "To be recorded once it is held" in page
    assert "Workshop not scheduled" in page  # in Beech's row of the plans
    Workshop.objects.filter(review=waiting).update(held_on=TODAY)
    page = client_for(coordinator).get(f"/improvement/clusters/{cluster.pk}/").text
    assert f'href="{record}">Record the workshop' in page
    assert f"Workshop {TODAY:%-d %B %Y}, not recorded yet" in page
    moderated = client_for(moderator).get(f"/improvement/clusters/{cluster.pk}/").text
    assert "Beech Primary School" in moderated and "Not scheduled" in moderated
    assert schedule not in moderated and record not in moderated  # may see, not act
