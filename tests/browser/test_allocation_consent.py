"""A reviewer's preferences shape the optimiser's teams, and every placed reviewer confirms or
declines their place: a decline is offered to the run's first backup, as a new user would see."""

from typing import Any

import pytest
from playwright.sync_api import expect

from collegium.allocations.models import PlaceRequest
from collegium.allocations.tests.helpers import make_peer, make_ready, monday_ahead
from collegium.reviews.models import Review
from conftest import PASSWORD, make_school
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def people(la, school_a, cluster, framework_version, reviewer, lead_reviewer, network_admin):
    """One review of school A needing a whole team; Lena (lead), Rhys, Eli and Fay free that
    week. Fay's subject is not in the focus, so without preferences Rhys and Eli are chosen."""
    review = Review.objects.create(
        school=school_a, cluster=cluster, kind=Review.Kind.QUALITY_ASSURANCE,
        framework_version=framework_version, start_date=monday_ahead(), days=3,
        focus="Reading and maths",
    )  # fmt: skip
    eli = make_peer(make_school(la, 100005, "Elm Primary School"), "Eli Elm")
    fay = make_peer(make_school(la, 100006, "Fir Primary School"), "Fay Fir", "Science")
    rhys = reviewer.reviewer_profile
    for profile in (lead_reviewer.reviewer_profile, rhys, eli, fay):
        make_ready(profile, network_admin, review.start_date)
    return {"review": review, "rhys": rhys, "eli": eli, "fay": fay}


def press(page: Any, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def switch_to(page: Any, email: str) -> None:
    page.context.clear_cookies()
    sign_in(page, email, PASSWORD)


def test_preferences_consent_decline_and_backup(page, coordinator, cluster, people):
    review, rhys = people["review"], people["rhys"]
    week = f"Week starting Monday {review.start_date:%-d %B %Y}"

    sign_in(page, rhys.user.email, PASSWORD)
    page.goto("/reviewers/me/")
    page.get_by_role("link", name="Change the review preferences").click()
    expect(page.locator("h1")).to_have_text("Review preferences")
    assert axe_violations(page) == []
    page.get_by_role("group", name="Weeks to avoid").get_by_label(week).check()
    press(page, "Save preferences")
    expect(page.get_by_text("Your review preferences have been saved.")).to_be_visible()

    switch_to(page, coordinator.email)
    page.goto(f"/allocations/clusters/{cluster.pk}/")
    press(page, "Run the optimiser")
    expect(page.locator("h1")).to_have_text("Proposed teams")
    expect(page.get_by_text("Fay Fir, peer reviewer")).to_be_visible()  # Rhys avoids the week
    expect(page.get_by_text("Rhys Reviewer, peer reviewer")).to_have_count(0)
    press(page, "Accept the teams")
    expect(page.get_by_text("The teams are accepted")).to_be_visible()
    run_url = page.url

    eli = people["eli"]
    switch_to(page, eli.user.email)
    todo = "Confirm or decline your place as peer reviewer on the quality assurance review of "
    page.get_by_role("link", name=f"{todo}Ash Primary School").click()
    expect(page.locator("h1")).to_have_text("Your place on a review")
    assert axe_violations(page) == []
    eli_place = page.url
    page.get_by_role("link", name="I cannot take this place").click()
    expect(page.locator("h1")).to_have_text("Decline this place")
    reason = page.get_by_label("Why you cannot take the place (optional)")
    reason.fill("Our Ofsted inspection is that week")
    assert axe_violations(page) == []
    press(page, "Decline the place")
    expect(page.get_by_text("You have declined the place")).to_be_visible()

    switch_to(page, coordinator.email)
    page.goto(run_url)
    declined = page.locator("tr", has_text="Eli Elm").filter(has_text="Declined")
    expect(declined).to_contain_text("Our Ofsted inspection is that week")
    expect(page.locator("tr", has_text="Rhys Reviewer")).to_contain_text("Backup asked")
    assert axe_violations(page) == []

    switch_to(page, people["fay"].user.email)  # refused: another reviewer's place
    response = page.goto(eli_place)
    assert response is not None and response.status == 404
    backup = PlaceRequest.objects.get(reviewer=rhys)
    response = page.goto(f"/allocations/places/{backup.pk}/")
    assert response is not None and response.status == 404

    switch_to(page, rhys.user.email)
    page.get_by_role("link", name=f"{todo}Ash Primary School").click()
    press(page, "Confirm my place")
    expect(page.get_by_text("You have confirmed your place")).to_be_visible()
    backup.refresh_from_db()
    assert backup.is_backup and backup.status == PlaceRequest.Status.CONFIRMED
    names = set(review.team.values_list("reviewer__user__full_name", flat=True))
    assert names == {"Lena Lead", "Rhys Reviewer", "Fay Fir"}
