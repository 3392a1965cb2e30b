"""The demo network has the improvement cycle in every state the pages show."""

from datetime import date

import pytest

from collegium.improvement.models import ActionPlan, Workshop
from collegium.improvement.selectors.impact import plan_impact
from collegium.improvement.selectors.overdue import overdue_milestones


@pytest.fixture
def demo(demo_network) -> None:
    """The demo network, loaded once a run (conftest.py)."""


def test_plans_in_several_states_with_workshops(demo):
    states = set(ActionPlan.objects.values_list("status", flat=True))
    assert states == {"draft", "active", "completed"}
    assert Workshop.objects.filter(scrutiny="").count() == 1  # booked, not yet held
    assert Workshop.objects.exclude(scrutiny="").count() == 1


def test_a_milestone_is_overdue(demo):
    (late,) = overdue_milestones(ActionPlan.objects.all(), date.today())
    assert late.description == "Two subject leaders visit and report back"


def test_the_earlier_plan_has_figures_after_its_review(demo):
    earlier = ActionPlan.objects.get(status="completed")
    compared = [f.comparison for f in plan_impact(earlier).figures if f.comparison is not None]
    assert compared and all(comparison.enough for comparison in compared)
