"""X5 in real Chromium: the privacy notice and accessibility statement from the footer, a person's
own data from the header (which still fits a phone), and a network admin suspending and
restoring an account from the people and roles page; axe finds nothing on any of them."""

from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def submit(page: Any, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def test_the_footer_links_to_the_notice_and_the_statement(page):
    page.goto("/")
    page.get_by_role("link", name="Privacy").click()
    expect(page.locator("h1")).to_have_text("Privacy notice")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Accessibility statement").click()
    expect(page.locator("h1")).to_have_text("Accessibility statement")
    assert axe_violations(page) == []


def test_a_person_finds_their_data_from_the_header(page, reviewer):
    sign_in(page, reviewer.email, PASSWORD)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("link", name="Your data").click()
    expect(page.locator("h1")).to_have_text("Your data")
    assert axe_violations(page) == []


def test_a_network_admin_suspends_and_restores_an_account(page, network_admin, reviewer):
    sign_in(page, network_admin.email, PASSWORD)
    page.goto("/reviewers/roles/")
    page.get_by_role("link", name="Account of Rhys Reviewer").click()
    assert axe_violations(page) == []
    submit(page, "Suspend the account")  # the account page's button, a link
    assert axe_violations(page) == []
    submit(page, "Suspend the account")
    expect(page.get_by_text("Rhys Reviewer's account has been suspended.")).to_be_visible()
    submit(page, "Restore the account")
    submit(page, "Restore the account")
    expect(page.get_by_text("Rhys Reviewer's account has been restored.")).to_be_visible()
    reviewer.refresh_from_db()
    assert reviewer.is_active
