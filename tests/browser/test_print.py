"""The printed visit timetable and action plan in real Chromium: a "Print this page" button
appears once print.js has run, and printed (emulated print media) the page keeps its content
and drops the header, navigation, footer and buttons. axe-core on the screen page."""

from typing import Any

import pytest
from playwright.sync_api import expect

from collegium.improvement.tests.conftest import make_plan
from collegium.reports.tests.conftest import agree_judgements
from collegium.reviews.models import Activity
from conftest import PASSWORD
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def printed_cleanly(page: Any, heading: str) -> None:
    button = page.get_by_role("button", name="Print this page")
    expect(button).to_be_visible()
    assert axe_violations(page) == []
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    for hidden in (".govuk-service-navigation", ".govuk-footer", ".govuk-header"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(button).to_be_hidden()
    colour = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert colour in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    page.emulate_media(media="screen")
    expect(page.locator(".govuk-service-navigation").first).to_be_visible()


def test_the_timetable_prints_without_the_services_navigation(page, review, reviewer):
    Activity.objects.create(
        review=review, day=1, starts_at="09:00", ends_at="10:00", kind=Activity.Kind.LEARNING_WALK
    )
    sign_in(page, reviewer.email, PASSWORD)
    page.goto(f"/reviews/{review.pk}/timetable/")
    printed_cleanly(page, "Timetable")
    page.emulate_media(media="print")
    expect(page.get_by_text("09:00 to 10:00")).to_be_visible()
    expect(page.locator(".collegium-review-tabs")).to_be_hidden()


def test_the_action_plan_prints_without_its_buttons(page, review, lead_reviewer, school_leader):
    plan = make_plan(agree_judgements(review, lead_reviewer), school_leader)
    sign_in(page, school_leader.email, PASSWORD)
    page.goto(f"/improvement/plans/{plan.pk}/")
    printed_cleanly(page, "Action plan")
    page.emulate_media(media="print")
    expect(page.get_by_text("Download as CSV")).to_be_hidden()
    expect(page.get_by_role("link", name="Change the plan")).to_be_hidden()
