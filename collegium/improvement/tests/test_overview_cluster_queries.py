"""The cluster's improvement page makes the same number of queries for three times the plans,
overdue milestones, reviews waiting for a plan and workshops to schedule; people outside the
cluster are still refused."""

from datetime import date, timedelta

from django.urls import reverse

from collegium.frameworks.models import Strand
from collegium.improvement.models import Action, ActionPlan, Milestone, Workshop
from collegium.pagination import PER_PAGE
from collegium.reviews.models import Findings, Review
from tests.pages import query_count

TODAY = date.today()


def agreed(school, cluster, version, weeks_ago: int) -> Review:
    review = Review.objects.create(
        school=school,
        cluster=cluster,
        kind=Review.Kind.CLUSTER,
        framework_version=version,
        start_date=TODAY - timedelta(weeks=weeks_ago),
        days=2,
        status=Review.Status.AGREED,
    )
    strand = Strand.objects.get(area__version=version, code="A2S1")
    Findings.objects.create(
        review=review,
        strengths="Strong reading.",
        areas_to_develop="Writing.",
        priority_strand=strand,
        improvement_priority=f"Writing at {school.name}",
    )
    return review


def grow(cluster, version, owner, count: int) -> None:
    """`count` plans under way with an overdue milestone each, and `count` reviews waiting for a
    plan, their workshop scheduled."""
    start = Review.objects.filter(cluster=cluster).count()
    schools = [membership.school for membership in cluster.memberships.all()]
    for n in range(start, start + count):
        school = schools[n % len(schools)]
        review = agreed(school, cluster, version, 10 + n)
        plan = ActionPlan.objects.create(
            review=review,
            priority_strand=review.findings.priority_strand,
            priority="Writing",
            status=ActionPlan.Status.ACTIVE,
            created_by=owner,
        )
        action = Action.objects.create(plan=plan, description=f"Action {n}", owner=owner)
        Milestone.objects.create(
            action=action, description=f"Milestone {n}", due_on=TODAY - timedelta(days=n + 1)
        )
        waiting = agreed(school, cluster, version, 500 + n)
        Workshop.objects.create(review=waiting, held_on=TODAY + timedelta(days=n + 1))


def test_the_page_makes_as_many_queries_for_three_times_the_rows(
    client_for, coordinator, cluster, framework_version, school_leader,
    django_assert_max_num_queries,
):  # fmt: skip
    client = client_for(coordinator)
    url = reverse("improvement:cluster", args=[cluster.pk])
    grow(cluster, framework_version, school_leader, 4)
    few = query_count(client, url)
    grow(cluster, framework_version, school_leader, 8)
    with django_assert_max_num_queries(few):
        text = client.get(url).text
    assert "Milestone 11" in text and "12 milestones are overdue" in text


def test_the_plans_and_overdue_milestones_are_shown_a_page_at_a_time(
    client_for, coordinator, cluster, framework_version, school_leader
):
    grow(cluster, framework_version, school_leader, PER_PAGE + 5)
    client = client_for(coordinator)
    url = reverse("improvement:cluster", args=[cluster.pk])
    first = client.get(url).text
    assert f"{PER_PAGE + 5} milestones are overdue" in first
    assert f"Milestones 1 to {PER_PAGE} of {PER_PAGE + 5} shown" in first
    assert f"Plans 1 to {PER_PAGE} of {PER_PAGE + 5} shown" in first
    assert "Milestone 54<" in first and "Milestone 4<" not in first  # most overdue first
    overdue = client.get(url, {"overdue": 2}).text
    assert "Milestone 4<" in overdue and "Milestone 0<" in overdue
    assert "Milestone 5<" not in overdue
    plans = client.get(url, {"plans": 2}).text
    assert f"Plans {PER_PAGE + 1} to {PER_PAGE + 5} of {PER_PAGE + 5} shown" in plans


def test_people_outside_the_cluster_are_refused(
    client_for, cluster, framework_version, school_leader, outsider, reviewer
):
    grow(cluster, framework_version, school_leader, 1)
    url = reverse("improvement:cluster", args=[cluster.pk])
    for person in (outsider, reviewer):
        assert client_for(person).get(url).status_code in (403, 404)
    response = client_for(None).get(url)
    assert response.status_code == 302 and "sign-in" in response["Location"]
