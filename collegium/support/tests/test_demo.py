"""The demo network has support between schools: a request accepted and partly given, and
standing offers that explain the suggestions a head without a plan gets."""

import pytest

from collegium.improvement.models import ActionPlan, SupportNeed
from collegium.reviews.models import Review
from collegium.support.models import SupportRequest, SupportSession
from collegium.support.selectors.brokerage import suggest_schools


@pytest.fixture
def demo(demo_network) -> None:
    """The demo network, loaded once a run (conftest.py)."""


def test_support_was_asked_accepted_and_partly_given(demo):
    (request,) = SupportRequest.objects.all()
    assert request.status == SupportRequest.Status.ACCEPTED
    assert SupportSession.objects.get().request == request


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
