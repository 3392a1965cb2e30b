"""The next steps on the home page: each kind of step for the person who should take it and for
nobody else, most urgent first, a few queries however many there are, and the section shown.
The requests for support to answer are read by collegium/support and placed among them."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from collegium import access
from collegium.clusters.models import Cluster, Membership
from collegium.improvement.models import Action, ActionPlan, Milestone, Workshop
from collegium.improvement.selectors.next_steps import LIMIT, Step, next_steps
from collegium.improvement.tests.conftest import make_plan
from collegium.improvement.tests.test_overview_cluster import agreed_review_of
from collegium.people.models import Role
from collegium.support.models import SupportRequest
from collegium.support.selectors.lists import steps_for
from conftest import grant, make_user

TODAY = date.today()
ASH = "Ash Primary School"


def steps(user) -> list[Step]:
    """As the home page lists them."""
    return next_steps(user, TODAY, steps_for(user))


def texts(user) -> list[str]:
    return [step.text for step in steps(user)]


def mentioning(user, words: str) -> list[Step]:
    return [step for step in steps(user) if words in step.text]


def url(name, *args) -> str:
    return reverse(f"improvement:{name}", args=args)


def overdue(plan: ActionPlan, owner, text: str, days_late: int = 5) -> Milestone:
    action = Action.objects.create(plan=plan, description="Reading leads visit", owner=owner)
    return Milestone.objects.create(
        action=action, description=text, due_on=TODAY - timedelta(days=days_late)
    )


@pytest.fixture
def beech_head(school_b):
    return grant(make_user("Bea Head"), Role.SCHOOL_LEADER, school=school_b)


@pytest.fixture
def others(governor, outsider, beech_head, moderator):
    """People who must see none of school A's steps."""
    return [governor, outsider, beech_head, moderator]


# School leaders


def test_the_head_is_asked_to_start_the_plan_once_the_review_is_agreed(
    agreed_review, school_leader, others
):
    day = f"{agreed_review.start_date:%-d %B %Y}"
    assert steps(school_leader) == [
        Step(f"Start the action plan for {ASH} (review of {day})", url("review", agreed_review.pk))
    ]
    for person in others:
        assert mentioning(person, ASH) == []


def test_a_review_not_agreed_yet_asks_for_nothing(review, school_leader, coordinator):
    assert texts(school_leader) == []
    assert texts(coordinator) == []


def test_the_head_is_asked_to_finish_a_draft_plan_and_not_to_start_another(
    plan, school_leader, others
):
    assert steps(school_leader) == [
        Step(f"Finish and agree the action plan for {ASH}", url("build", plan.pk))
    ]
    for person in others:
        assert mentioning(person, ASH) == []


def test_an_agreed_plan_is_not_to_finish(plan, school_leader):
    plan.status = ActionPlan.Status.ACTIVE
    plan.save()
    assert texts(school_leader) == []


def test_the_owner_is_asked_to_check_in_on_an_overdue_milestone(
    agreed_review, school_leader, others
):
    plan = make_plan(agreed_review, school_leader, ActionPlan.Status.ACTIVE)
    late = overdue(plan, school_leader, "Every class reads daily", days_late=3)
    done = overdue(plan, school_leader, "Done already")
    done.status = Milestone.Status.DONE
    done.save()
    day = f"{late.due_on:%-d %B %Y}"
    assert steps(school_leader) == [
        Step(
            f"Check in on ‘Every class reads daily’, due {day}",
            url("check_in", plan.pk, late.pk),
            late.due_on,
        )
    ]
    for person in others:
        assert mentioning(person, "Check in") == []


def test_milestones_owned_by_someone_else_or_in_a_draft_plan_are_not_the_heads(
    agreed_review, school_leader, school_a
):
    deputy = grant(make_user("Dee Deputy"), Role.SCHOOL_LEADER, school=school_a)
    plan = make_plan(agreed_review, school_leader, ActionPlan.Status.ACTIVE)
    overdue(plan, deputy, "The deputy's milestone")
    assert mentioning(school_leader, "Check in") == []
    assert [s.text for s in mentioning(deputy, "Check in")][0].startswith(
        "Check in on ‘The deputy's milestone’"
    )
    plan.status = ActionPlan.Status.DRAFT
    plan.save()
    assert mentioning(deputy, "Check in") == []


@pytest.fixture
def request_to_beech(plan, school_b):
    """School A asks school B for support."""
    return SupportRequest.objects.create(
        need=plan.support_needs.get(), offering_school=school_b, message="Could we visit?"
    )


def test_the_head_asked_for_support_is_asked_to_answer(
    request_to_beech, beech_head, school_leader, governor, outsider, coordinator
):
    assert steps(beech_head) == [
        Step(
            f"Answer {ASH}’s request for support",
            reverse("support:request", args=[request_to_beech.pk]),
        )
    ]
    for person in (school_leader, governor, outsider, coordinator):  # the asker waits
        assert mentioning(person, "request for support") == []
    request_to_beech.status = SupportRequest.Status.ACCEPTED
    request_to_beech.save()
    assert texts(beech_head) == []


# Coordinators


def test_the_coordinator_is_asked_to_schedule_then_record_the_workshop(
    agreed_review, coordinator, school_leader, others
):
    schedule = Step(
        f"Schedule the improvement workshop for {ASH}", url("schedule-workshop", agreed_review.pk)
    )
    assert steps(coordinator) == [schedule]

    workshop = Workshop.objects.create(review=agreed_review, held_on=TODAY + timedelta(days=7))
    assert texts(coordinator) == []  # scheduled, not held yet

    workshop.held_on = TODAY
    workshop.save()
    record = Step(
        f"Record the improvement workshop for {ASH}",
        url("record-workshop", agreed_review.pk),
        TODAY,
    )
    assert steps(coordinator) == [record]
    for person in [school_leader, *others]:
        assert mentioning(person, "workshop") == []

    workshop.notes = "We agreed the plan's first steps."
    workshop.save()
    assert texts(coordinator) == []


def test_no_workshop_is_asked_for_once_the_plan_is_agreed(
    agreed_review, coordinator, school_leader
):
    make_plan(agreed_review, school_leader, ActionPlan.Status.ACTIVE)
    assert texts(coordinator) == []


def test_the_coordinator_sees_how_many_milestones_are_overdue_in_the_cluster(
    agreed_review, coordinator, school_leader, cluster, others
):
    plan = make_plan(agreed_review, school_leader, ActionPlan.Status.ACTIVE)
    overdue(plan, school_leader, "First")
    assert mentioning(coordinator, "overdue") == [
        Step("1 milestone overdue in Testtown Cluster", url("cluster", cluster.pk))
    ]
    overdue(plan, school_leader, "Second")
    assert [s.text for s in mentioning(coordinator, "overdue")] == [
        "2 milestones overdue in Testtown Cluster"
    ]
    for person in others:
        assert mentioning(person, "overdue") == []


def test_a_coordinator_of_another_cluster_sees_none_of_this_one(agreed_review, school_d):
    other = Cluster.objects.create(name="Other Cluster", locality="Elsewhere")
    Membership.objects.create(cluster=other, school=school_d, status=Membership.Status.MEMBER)
    theirs = grant(make_user("Cy Coordinator"), Role.CLUSTER_COORDINATOR, cluster=other)
    assert texts(theirs) == []


# Order, limit and queries


@pytest.fixture
def busy_head(agreed_review, school_leader, school_b, school_c, cluster, framework_version,
              lead_reviewer, request_to_beech):  # fmt: skip
    """A head who leads schools A, B and C, with steps of every kind, several of some."""
    for school in (school_b, school_c):
        grant(school_leader, Role.SCHOOL_LEADER, school=school)
    access.forget_roles(school_leader)
    plan = ActionPlan.objects.get(review=agreed_review)
    plan.status = ActionPlan.Status.ACTIVE
    plan.save()
    for n in range(3):
        overdue(plan, school_leader, f"Overdue {n}", days_late=10 - n)
    make_plan(agreed_review_of(school_c, cluster, framework_version, lead_reviewer, 6),
              school_leader)  # fmt: skip
    for weeks in (3, 2):
        agreed_review_of(school_c, cluster, framework_version, lead_reviewer, weeks)
    return school_leader


def test_steps_come_most_urgent_first_and_are_few(busy_head):
    steps = texts(busy_head)
    assert len(steps) == LIMIT
    assert [s.split(" ")[0] for s in steps] == [
        "Check",
        "Check",
        "Check",
        "Answer",
        "Start",
        "Start",
    ]
    assert steps[0].startswith("Check in on ‘Overdue 0’")  # the longest overdue first


def test_the_steps_take_a_few_queries_however_many_there_are(
    busy_head, coordinator, governor, cluster, django_assert_max_num_queries
):
    grant(busy_head, Role.CLUSTER_COORDINATOR, cluster=cluster)
    access.forget_roles(busy_head)
    for person in (busy_head, coordinator, governor):
        access.roles_of(person)  # read once per request, for the navigation as well
    with django_assert_max_num_queries(6):  # 4 kinds for a head, 2 for a coordinator
        assert len(steps(busy_head)) == LIMIT
    with django_assert_max_num_queries(2):
        steps(coordinator)
    with django_assert_max_num_queries(0):
        assert steps(governor) == []


# The home page


def test_the_home_page_shows_the_steps_above_the_other_pages(
    client_for, agreed_review, school_leader, governor
):
    page = client_for(school_leader).get("/").text
    assert page.index("What you need to do") < page.index(">More<")
    assert f'href="{url("review", agreed_review.pk)}">Start the action plan for {ASH}' in page

    page = client_for(governor).get("/").text
    assert "Start the action plan" not in page
    assert "Nothing needs doing now" in page
    assert "What you need to do" not in client_for(None).get("/").text


def test_an_overdue_check_in_says_since_when_on_the_home_page(
    client_for, agreed_review, school_leader, governor
):
    plan = make_plan(agreed_review, school_leader, ActionPlan.Status.ACTIVE)
    late = overdue(plan, school_leader, "Every class reads daily", days_late=3)
    page = client_for(school_leader).get("/").text
    assert f"Overdue since {late.due_on:%-d %B %Y}" in page
    assert "Every class reads daily" not in client_for(governor).get("/").text
