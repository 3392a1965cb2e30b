"""The cluster's view of improvement: every action plan with its state, the reviews with no plan
yet, and the overdue milestones; and the list of clusters for those who follow several."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from collegium.clusters.models import Cluster, Membership
from collegium.improvement.models import ActionPlan, Milestone, Workshop
from collegium.improvement.selectors_overview import cluster_improvement
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
    assert "A2S1 Strand 2.1" in page
    assert "1 of 3" in page and "0 of 2" in page
    assert f'href="{reverse("improvement:plan", args=[ash.pk])}"' in page
    assert f'href="{reverse("improvement:plan", args=[beech.pk])}"' in page
    # the overdue list: school, milestone, owner, due date, days overdue
    assert "Catch-up groups running in every class" in page
    assert "Sam Leader" in page
    due = TODAY - timedelta(days=10)
    assert f"{due:%-d %B %Y}" in page
    assert "Draft milestone long past" not in page
    assert "Days overdue are calendar days since the due date" in page
    # the review still waiting for a plan, with its workshop date
    assert "Cedar Academy" in page
    assert f'href="{reverse("improvement:review", args=[waiting.pk])}"' in page
    assert f"{TODAY + timedelta(days=7):%-d %B %Y}" in page
    assert "1 milestone is overdue" in page


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
