"""School terms in real Chromium: the network admin corrects a half term (a bad date first), and
a cluster coordinator is refused a review in the holidays, then confirms a second review of a
school in the same academic year. axe-core on every page."""

from datetime import date, timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from collegium.people.dates import current_academic_year
from collegium.reviews.models import Review
from collegium.reviews.tests.planning_helpers import sign_mou
from collegium.termdates.models import SchoolTerm
from collegium.termdates.services import add_year
from collegium.workingdays import is_working_day
from conftest import PASSWORD
from tests.browser.conftest import axe_violations, sign_in
from tests.term_time import holiday_week_after, term_monday

pytestmark = pytest.mark.django_db(transaction=True)


def no_problems(page: Any) -> None:
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []


def with_this_year() -> SchoolTerm:
    """This academic year's autumn term (a transactional test may have emptied the table)."""
    year = current_academic_year()
    if not SchoolTerm.objects.filter(academic_year=year).exists():
        add_year(None, year)
    return SchoolTerm.objects.get(academic_year=year, season="autumn")


def test_the_network_admin_corrects_a_half_term(page, network_admin):
    autumn = with_this_year()
    sign_in(page, network_admin.email, PASSWORD)
    # Term dates is not among the header's six for a network admin: it is under "More" at home.
    page.get_by_role("main").get_by_role("link", name="Term dates").click()
    expect(page.locator("h1")).to_have_text("Term dates")
    no_problems(page)
    page.get_by_role("link", name=f"Change the {autumn.label.lower()}").click()
    no_problems(page)
    page.get_by_label("First day of the half term").fill(autumn.last_day.isoformat())
    page.get_by_role("button", name="Save the term").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="The half term must be inside the term")).to_be_visible()
    no_problems(page)
    later = autumn.half_term_first_day + timedelta(weeks=1)
    page.get_by_label("First day of the half term").fill(later.isoformat())
    page.get_by_label("Last day of the half term").fill((later + timedelta(days=4)).isoformat())
    page.get_by_role("button", name="Save the term").click()
    expect(page.get_by_text(f"The {autumn.label.lower()} has been saved.")).to_be_visible()
    no_problems(page)
    autumn.refresh_from_db()
    assert autumn.half_term_first_day == later


def test_a_coordinator_schedules_in_term_time_and_confirms_a_second_review(
    page, coordinator, cluster, school_a, school_b, school_c, framework_version
):
    sign_mou(cluster, [school_a, school_b, school_c], coordinator)
    start = term_monday(weeks_ahead=1)
    monday = holiday_week_after(start)
    holiday = next(d for d in (monday + timedelta(days=n) for n in range(5)) if is_working_day(d))
    year = current_academic_year(start)
    earlier = date(year, 9, 1) if start > date(year, 9, 5) else date(year + 1, 8, 2)
    Review.objects.create(
        school=school_a, cluster=cluster, kind=Review.Kind.CLUSTER,
        framework_version=framework_version, start_date=earlier, days=1,
    )  # fmt: skip
    sign_in(page, coordinator.email, PASSWORD)
    page.goto("/reviews/schedule/")
    page.get_by_label("School to review").select_option(label="Ash Primary School")
    page.get_by_label("Quality assurance review").check()
    page.get_by_label("Framework").select_option(label="Test framework, version 1")
    page.get_by_label("Start date").fill(holiday.isoformat())
    page.get_by_label("Number of days").fill("3")
    page.get_by_role("button", name="Schedule the review").click()
    expect(page.get_by_text("is in the school holidays").first).to_be_visible()
    no_problems(page)
    page.get_by_label("Start date").fill(start.isoformat())
    page.get_by_role("button", name="Schedule the review").click()
    expect(page.get_by_text("confirm that you mean to review the school").first).to_be_visible()
    no_problems(page)
    page.get_by_label("Yes, schedule a second review").check()
    page.get_by_role("button", name="Schedule the review").click()
    expect(page.get_by_text("The review of Ash Primary School has been scheduled.")).to_be_visible()
    assert Review.objects.filter(school=school_a, start_date=start).exists()
