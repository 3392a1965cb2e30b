"""The action plan page makes the same number of queries whatever the plan holds: three times
the actions, milestones, check-ins, measures, readings and support needs cost no more queries.
People outside the school are still refused."""

from datetime import date, timedelta

from django.urls import reverse

from collegium.improvement.models import (
    Action,
    ActionPlan,
    CheckIn,
    MeasureReading,
    Milestone,
    SuccessMeasure,
    SupportNeed,
)
from tests.pages import query_count


def grow(plan: ActionPlan, owner, count: int) -> None:
    """Add `count` of each kind of item to the plan, each with what hangs from it."""
    start = plan.actions.count()
    for n in range(start, start + count):
        action = Action.objects.create(plan=plan, description=f"Action {n}", owner=owner)
        milestone = Milestone.objects.create(
            action=action, description=f"Milestone {n}", due_on=date.today() - timedelta(days=n)
        )
        CheckIn.objects.create(
            milestone=milestone, status="on_track", evidence=f"Note {n}", recorded_by=owner
        )
        measure = SuccessMeasure.objects.create(
            plan=plan, kind="observation", description=f"Measure {n}", target="Most lessons"
        )
        MeasureReading.objects.create(
            measure=measure, taken_on=date.today(), value=f"Reading {n}", recorded_by=owner
        )
        SupportNeed.objects.create(plan=plan, strand=plan.priority_strand, description=f"Need {n}")


def test_the_plan_page_makes_as_many_queries_for_three_times_the_items(
    client_for, school_leader, plan, django_assert_max_num_queries
):
    client = client_for(school_leader)
    url = reverse("improvement:plan", args=[plan.pk])
    grow(plan, school_leader, 2)
    few = query_count(client, url)
    grow(plan, school_leader, 6)
    with django_assert_max_num_queries(few):
        text = client.get(url).text
    assert "Milestone 7" in text and "Measure 7" in text and "Need 7" in text


def test_people_outside_the_school_are_refused(client_for, outsider, plan):
    url = reverse("improvement:plan", args=[plan.pk])
    assert client_for(outsider).get(url).status_code in (403, 404)
    assert client_for(None).get(url).status_code == 302
