"""Shared fixtures for the improvement cycle: a review of school A whose judgements and
priority are agreed (A2S1), and a draft action plan for it owned by school A's leader."""

from datetime import date, timedelta

import pytest

from collegium.improvement.models import Action, ActionPlan, Milestone, SupportNeed
from collegium.reports.tests.conftest import agree_judgements
from collegium.reviews.models import Review


@pytest.fixture
def agreed_review(review, lead_reviewer) -> Review:
    return agree_judgements(review, lead_reviewer)


def make_plan(review: Review, owner, status: str = ActionPlan.Status.DRAFT) -> ActionPlan:
    """A plan for the review's agreed priority: one action, one milestone due in 30 days,
    one support need on the priority strand."""
    findings = review.findings
    plan = ActionPlan.objects.create(
        review=review,
        priority_strand=findings.priority_strand,
        priority=findings.improvement_priority,
        status=status,
        created_by=owner,
    )
    action = Action.objects.create(plan=plan, description="Daily catch-up sessions", owner=owner)
    Milestone.objects.create(
        action=action,
        description="Every pupil who fell behind is assessed",
        due_on=date.today() + timedelta(days=30),
    )
    SupportNeed.objects.create(
        plan=plan, strand=findings.priority_strand, description="See catch-up working elsewhere"
    )
    return plan


@pytest.fixture
def plan(agreed_review, school_leader) -> ActionPlan:
    return make_plan(agreed_review, school_leader)


@pytest.fixture
def a_working_day(monkeypatch) -> None:
    """Reminders are sent on working days only: tests that send them for today behave the same
    at a weekend or on a bank holiday."""
    monkeypatch.setattr("collegium.improvement.services.reminders.is_working_day", lambda day: True)
