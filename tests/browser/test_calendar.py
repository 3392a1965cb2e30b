"""Issue 15 in real Chromium: a reviewer finds their calendar address from the home page, the
feed it names (parsed with the icalendar library) holds the visit they are on, and resetting
the address stops the old one working."""

from typing import Any

import pytest
from django.test import Client
from icalendar import Calendar
from playwright.sync_api import expect

from conftest import PASSWORD
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def fetch(url: str) -> Any:
    """The address as a calendar program asks for it: not signed in."""
    return Client().get(url.removeprefix("http://testserver"))


def test_a_reviewer_adds_the_calendar_feed_and_sees_the_visit(page, review, reviewer):
    sign_in(page, reviewer.email, PASSWORD)
    page.goto("/")
    page.locator("#more").get_by_role("link", name="Your calendar").click()
    expect(page.locator("h1")).to_have_text("Your calendar")
    assert axe_violations(page) == []
    address = page.locator("#https-url").inner_text()
    assert page.locator("#webcal-url").inner_text().startswith("webcal://")

    response = fetch(address)
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    visits = [
        event
        for event in calendar.walk("VEVENT")
        if str(event["uid"]) == f"review-visit-{review.pk}@testserver"
    ]
    assert len(visits) == 1
    assert "Ash Primary School" in str(visits[0]["summary"])
    assert visits[0].decoded("dtstart") == review.start_date

    page.get_by_role("button", name="Reset the address").click()  # a link styled as a button
    expect(page.locator("h1")).to_have_text("Reset your calendar address?")
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Reset the address").click()
    expect(page.get_by_text("The old address no longer works")).to_be_visible()
    assert page.locator("#https-url").inner_text() != address
    assert fetch(address).status_code == 404
    assert fetch(page.locator("#https-url").inner_text()).status_code == 200
