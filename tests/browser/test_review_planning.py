"""Review planning in real Chromium, tried as a new user would: a cluster coordinator schedules a
review and forms its team (a refused reviewer says why); the school leader sets the focus and adds
a timetable activity, after a conduct rule refuses the first try. axe-core on every page."""

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from collegium.reviews.models import Activity, Review
from collegium.reviews.tests.planning_helpers import free_for, free_monday, sign_mou
from collegium.reviews.tests.test_team_rules import new_reviewer
from conftest import PASSWORD, make_school
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def browser_page(chromium: Any, live_server: Any) -> Iterator[Any]:
    """A function opening a new browser (its own cookies) of the given size per call."""
    contexts = []

    def open_page(viewport: dict[str, int] | None = None) -> Any:
        size = viewport or {"width": 1024, "height": 800}
        context = chromium.new_context(base_url=live_server.url, viewport=size)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def ready(cluster, school_a, school_b, school_c, coordinator, lead_reviewer, reviewer, la):
    """A cluster whose schools signed the MoU, and three reviewers free in the chosen week."""
    sign_mou(cluster, [school_a, school_b, school_c], coordinator)
    start = free_monday()
    peer = new_reviewer("Priya Patel", make_school(la, 960001, "Rowan School"))
    for profile in (lead_reviewer.reviewer_profile, reviewer.reviewer_profile, peer):
        free_for(profile, start, 3)
    return start


def no_problems(page: Any) -> None:
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []


def add_to_team(page: Any, option: str, role: str) -> None:
    page.get_by_label("Reviewer", exact=True).select_option(label=option)
    page.get_by_label(role).check()
    page.get_by_role("button", name="Add to the team").click()


def test_coordinator_schedules_a_review_and_forms_the_team(
    browser_page, ready, coordinator, framework_version, school_d
):
    page = browser_page()
    sign_in(page, coordinator.email, PASSWORD)
    page.goto("/reviews/")
    expect(page.get_by_text("You have no reviews yet")).to_be_visible()
    no_problems(page)
    page.get_by_role("link", name="Schedule a review").click()
    no_problems(page)
    page.get_by_label("School to review").select_option(label="Ash Primary School")
    page.get_by_label("Quality assurance review").check()
    page.get_by_label("Framework").select_option(label="Test framework, version 1")
    page.get_by_label("Start date").fill(ready.isoformat())
    page.get_by_label("Number of days").fill("3")
    page.get_by_role("button", name="Schedule the review").click()
    expect(page.locator("h1")).to_have_text("Review team")
    expect(page.get_by_text("The review of Ash Primary School has been scheduled.")).to_be_visible()
    no_problems(page)

    add_to_team(page, "Rhys Reviewer, Deputy headteacher, Beech Primary School", "Lead reviewer")
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_text("Rhys Reviewer cannot lead a quality assurance review")).to_be_visible()
    no_problems(page)
    add_to_team(page, "Lena Lead, Headteacher, Cedar Academy", "Lead reviewer")
    expect(page.get_by_text("Lena Lead has been added as lead reviewer.")).to_be_visible()
    add_to_team(page, "Rhys Reviewer, Deputy headteacher, Beech Primary School", "Peer reviewer")
    add_to_team(page, "Priya Patel, Deputy headteacher, Rowan School", "Peer reviewer")
    page.get_by_role("button", name="Lock Rhys Reviewer's place").click()
    expect(page.get_by_text("Rhys Reviewer's place has been locked")).to_be_visible()
    no_problems(page)

    review = Review.objects.get()
    assert review.team.count() == 3 and review.team.get(locked=True).reviewer.user == ready_user(
        review
    )
    page.get_by_role("link", name="Back to the review").click()
    expect(page.get_by_text("The team is ready.")).to_be_visible()
    no_problems(page)


def ready_user(review: Review) -> Any:
    return review.team.get(role="peer", reviewer__user__full_name="Rhys Reviewer").reviewer.user


def test_school_leader_sets_the_focus_and_adds_an_activity_on_a_phone(
    browser_page, review, school_leader
):
    page = browser_page(PHONE)
    sign_in(page, school_leader.email, PASSWORD)
    page.goto("/reviews/")
    page.get_by_role("link", name="Ash Primary School").click()
    expect(page.locator("h1")).to_have_text("Overview")
    no_problems(page)
    page.get_by_role("link", name="Set the focus, nominee and activity limit").click()
    no_problems(page)
    page.get_by_label("Focus of the review").fill("Writing across key stage 2")
    page.get_by_label("Nominee's name").fill("Jo Whitfield")
    page.get_by_label("Nominee's role").fill("Deputy headteacher")
    page.get_by_label("Most activities a day").fill("5")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Jo Whitfield, Deputy headteacher")).to_be_visible()

    page.get_by_role("link", name="Timetable").click()
    no_problems(page)
    page.get_by_role("link", name="Add an activity to day 1").click()
    no_problems(page)
    page.get_by_label("Start time").fill("17:00")
    page.get_by_label("End time").fill("18:30")
    page.get_by_label("Activity", exact=True).select_option(label="Meeting with parents")
    page.get_by_label("Visiting reviewer (optional)").select_option(label="Rhys Reviewer")
    page.get_by_role("button", name="Save the activity").click()
    expect(page.get_by_text("Activities must end by 18:00").first).to_be_visible()
    no_problems(page)
    assert not Activity.objects.exists()
    page.get_by_label("End time").fill("17:45")
    page.get_by_role("button", name="Save the activity").click()
    expect(page.get_by_text("The activity has been added to the timetable.")).to_be_visible()
    expect(page.get_by_text("Meeting with parents", exact=True)).to_be_visible()
    no_problems(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    activity = Activity.objects.get()
    assert (activity.day, f"{activity.ends_at:%H:%M}") == (1, "17:45")


def test_every_planning_page_fits_a_phone_and_passes_axe(browser_page, review, coordinator, ready):
    Activity.objects.create(
        review=review, day=1, starts_at="09:00", ends_at="10:00", kind="learning_walk"
    )
    page = browser_page(PHONE)
    sign_in(page, coordinator.email, PASSWORD)
    pages = ["/reviews/", "/reviews/schedule/"] + [
        f"/reviews/{review.pk}/{tail}"
        for tail in ("", "analysis/", "timetable/", "team/", "move/", "cancel/")
    ]
    problems = []
    for path in pages:
        page.goto(path)
        if not page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"):
            problems.append(f"{path}: wider than the screen")
        if page.locator("h1").count() != 1:
            problems.append(f"{path}: expected one h1")
        problems += [f"{path}: {v}" for v in axe_violations(page)]
    assert problems == [], problems
