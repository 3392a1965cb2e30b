"""A coordinator allocates reviewers for their cluster with the optimiser, as a new user would."""

from typing import Any

import pytest
from playwright.sync_api import expect

from collegium.allocations.tests.helpers import make_peer, make_ready, monday_ahead
from collegium.reviews.models import Review, TeamMember
from conftest import PASSWORD, make_school
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def term(la, school_a, cluster, framework_version, reviewer, lead_reviewer, network_admin):
    """One review of school A needing a whole team; Lena, Rhys, Eli and Fay free that week."""
    review = Review.objects.create(
        school=school_a,
        cluster=cluster,
        kind=Review.Kind.QUALITY_ASSURANCE,
        framework_version=framework_version,
        start_date=monday_ahead(),
        days=3,
        focus="Reading and maths",
    )
    eli = make_peer(make_school(la, 100005, "Elm Primary School"), "Eli Elm")
    fay = make_peer(make_school(la, 100006, "Fir Primary School"), "Fay Fir", "Science")
    for profile in (lead_reviewer.reviewer_profile, reviewer.reviewer_profile, eli, fay):
        make_ready(profile, network_admin, review.start_date)
    return review


def press(page: Any, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def test_coordinator_allocates_locks_withdraws_reoptimises_and_accepts(
    page, coordinator, cluster, term
):
    sign_in(page, coordinator.email, PASSWORD)
    page.goto(f"/allocations/clusters/{cluster.pk}/")
    expect(page.get_by_text("Quality assurance review of Ash Primary School")).to_be_visible()
    assert axe_violations(page) == []
    press(page, "Run the optimiser")
    expect(page.locator("h1")).to_have_text("Proposed teams")
    lead = page.locator(".govuk-summary-card", has_text="Lena Lead, lead reviewer")
    expect(lead.get_by_text("knows the primary phase")).to_be_visible()
    expect(page.get_by_text("Every place is filled with the best available team")).to_be_visible()
    page.get_by_text("How this was worked out").click()
    expect(page.get_by_text("were checked again on every team, and none is broken")).to_be_visible()
    assert axe_violations(page) == []

    press(page, "Lock Rhys Reviewer on the review of Ash Primary School")
    expect(page.get_by_text("Rhys Reviewer's place is locked.")).to_be_visible()
    press(page, "Withdraw Eli Elm from the review of Ash Primary School")
    expect(page.get_by_text("Eli Elm is withdrawn from the review")).to_be_visible()
    empty = "1 peer reviewer place empty on the review of Ash Primary School"
    expect(page.get_by_role("heading", name=empty)).to_be_visible()
    press(page, "Re-optimise")
    expect(page.get_by_text("Re-optimising changed 1 place")).to_be_visible()
    expect(page.get_by_text("Fay Fir, peer reviewer")).to_be_visible()
    expect(page.get_by_text("Eli Elm, peer reviewer")).to_have_count(0)
    expect(page.get_by_text("place empty")).to_have_count(0)
    assert axe_violations(page) == []

    page.get_by_role("link", name="Swap Fay Fir for another reviewer").click()
    expect(page.locator("h1")).to_have_text("Swap Fay Fir for another reviewer")
    with page.expect_navigation():
        page.get_by_role("button", name="Swap reviewer").click()
    expect(page.get_by_text("Choose the reviewer to take this place").first).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Back to the proposed teams").click()

    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    press(page, "Accept the teams")
    expect(page.get_by_text("The teams are accepted")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Accepted teams")
    assert axe_violations(page) == []
    team = {(m.reviewer.user.full_name, m.role, m.locked) for m in term.team.all()}
    assert team == {
        ("Lena Lead", TeamMember.Role.LEAD, False),
        ("Rhys Reviewer", TeamMember.Role.PEER, True),
        ("Fay Fir", TeamMember.Role.PEER, False),
    }
