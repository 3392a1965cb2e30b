"""Steps a journey on the demo network takes as a new user would: from the home page, by the
service navigation, with axe-core run on every page reached."""

from typing import Any

from playwright.sync_api import expect

from collegium.demo.network import PASSWORD
from tests.browser.conftest import axe_violations


def accessible(page: Any) -> None:
    page.wait_for_load_state()
    assert axe_violations(page) == [], page.url


def follow(page: Any, name: str) -> None:
    """Follow a link in the service navigation or, for a page the header leaves out (it shows a
    role's six most used), from the home page's "More" list."""
    link = page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True)
    if not link.count():
        page.get_by_role("link", name="Peer review for schools").click()
        link = page.get_by_role("main").get_by_role("link", name=name, exact=True)
    link.click()
    accessible(page)


def sign_in_from_home(page: Any, email: str, password: str = PASSWORD) -> None:
    """Sign in from the home page (the demo network's password unless another is given)."""
    page.goto("/")
    expect(page.locator("h1")).to_have_text("Peer review that schools trust")
    accessible(page)
    page.get_by_role("link", name="Sign in").first.click()
    accessible(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="What you need to do")).to_be_visible()
    accessible(page)


def sign_out(page: Any) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()
    accessible(page)
