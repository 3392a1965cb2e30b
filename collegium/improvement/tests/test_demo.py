"""The demo network has the improvement cycle in every state the pages show."""

from datetime import date

import pytest

from collegium.improvement.brokerage import suggest_schools
from collegium.improvement.impact import plan_impact
from collegium.improvement.models import ActionPlan, SupportNeed, SupportSession, Workshop
from collegium.improvement.overdue import overdue_milestones
from collegium.reviews.models import Review


@pytest.fixture
def demo(demo_network) -> None:
    """The demo network, loaded once a run (conftest.py)."""


def test_plans_in_several_states_with_workshops(demo):
    states = set(ActionPlan.objects.values_list("status", flat=True))
    assert states == {"draft", "active", "completed"}
    assert Workshop.objects.filter(scrutiny="").count() == 1  # booked, not yet held
    assert Workshop.objects.exclude(scrutiny="").count() == 1


def test_support_was_given_and_a_milestone_is_overdue(demo):
    assert SupportSession.objects.count() == 1
    (late,) = overdue_milestones(ActionPlan.objects.all(), date.today())
    assert late.description == "Two subject leaders visit and report back"


def test_a_head_without_a_plan_gets_three_explained_suggestions(demo):
    review = (
        Review.objects.filter(cluster__isnull=False, status="closed")
        .exclude(action_plan__isnull=False)
        .get()
    )
    plan = ActionPlan.objects.create(
        review=review, priority_strand=review.findings.priority_strand, priority="-"
    )
    need = SupportNeed.objects.create(plan=plan, strand=plan.priority_strand, description="-")
    suggestions = suggest_schools(need)
    assert len(suggestions) == 3
    assert all(len(s.reasons) == 3 and s.offer for s in suggestions)


def test_the_earlier_plan_has_figures_after_its_review(demo):
    earlier = ActionPlan.objects.get(status="completed")
    compared = [f.comparison for f in plan_impact(earlier).figures if f.comparison is not None]
    assert compared and all(comparison.enough for comparison in compared)
