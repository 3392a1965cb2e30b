"""The first-network journey's browser steps (tests/browser/test_first_network.py): one browser
per person, each page checked as it is reached (one h1, no axe-core violation), the home page's
"What you need to do", and the links people are emailed."""

import re
from typing import Any

from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations

DESKTOP = {"width": 1024, "height": 800}


class Trip:
    """The browsers of the people on the journey, each its own cookies, and every refusal of the
    pages' Content-Security-Policy they met."""

    def __init__(self, chromium: Any, base_url: str) -> None:
        self.chromium, self.base_url = chromium, base_url
        self.contexts: list[Any] = []
        self.refused: list[str] = []

    def browser(self) -> Any:
        context = self.chromium.new_context(base_url=self.base_url, viewport=DESKTOP)
        self.contexts.append(context)
        page = context.new_page()
        page.on("console", self.note_refusal)
        return page

    def note_refusal(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.refused.append(message.text)


def checked(page: Any) -> None:
    """One h1 and no axe-core violation on the page now shown."""
    page.wait_for_load_state()
    assert page.locator("h1").count() == 1, page.url
    assert axe_violations(page) == [], page.url


def press(page: Any, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def follow(page: Any, name: str, role: str = "link") -> None:
    """Follow a link (`role="button"`: a link styled as a button) and check the page."""
    with page.expect_navigation():
        page.get_by_role(role, name=name, exact=True).first.click()
    checked(page)


def tab(page: Any, name: str) -> None:
    """Open one of the review's sections."""
    with page.expect_navigation():
        sections = page.get_by_role("navigation", name="Review sections")
        sections.get_by_role("link", name=name, exact=True).click()
    checked(page)


def choose_password(page: Any, link: str, password: str) -> None:
    page.goto(link)
    expect(page.locator("h1")).to_have_text("Choose a new password")
    checked(page)
    page.locator("input[name=new_password1]").fill(password)
    page.locator("input[name=new_password2]").fill(password)
    press(page, "Save password")


def sign_in(page: Any, email: str, password: str) -> None:
    page.goto("/")
    page.get_by_role("link", name="Sign in").first.click()
    checked(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    press(page, "Sign in")
    expect(page.get_by_role("heading", name="What you need to do")).to_be_visible()
    checked(page)


def to_dos(page: Any) -> list[str]:
    """The home page's list of what the person needs to do."""
    page.goto("/")
    expect(page.get_by_role("heading", name="What you need to do")).to_be_visible()
    checked(page)
    return list(page.locator("#to-dos a").all_inner_texts())


def do_next(page: Any, to_do: str) -> None:
    """Open the home page and follow what it says the person needs to do."""
    assert to_do in to_dos(page)
    follow(page, to_do)


def from_more(page: Any, name: str) -> None:
    """Follow a link in the home page's "More" list."""
    page.goto("/")
    with page.expect_navigation():
        page.locator("#more").get_by_role("link", name=name, exact=True).click()
    checked(page)


def emailed_link(to: str, leading_to: str = "") -> str:
    """The link in the latest email to them (one leading on to `leading_to`, if given)."""
    emails = [m for m in mail.outbox if m.to == [to] and leading_to in str(m.body)]
    found = re.search(r"https?://[^/\s]+(/\S+)", str(emails[-1].body))
    assert found is not None, emails[-1].body
    return found.group(1)  # the path: the email names the site's address, not the live server


def pick(page: Any, box_name: str, typed: str) -> None:
    """Type part of a school's name and choose the one school the list offers."""
    page.get_by_role("combobox", name=box_name).fill(typed)
    expect(page.get_by_role("option")).to_have_count(1)
    page.get_by_role("option").click()
