"""X3 in real Chromium: a reviewer makes an API token from the header's link (shown once), uses
it, revokes it; the API's documentation page runs under the Content-Security-Policy (the page
fixture fails on any refusal) and lists the endpoints from the description."""

from typing import Any

import pytest
from django.test import Client
from playwright.sync_api import expect

from conftest import PASSWORD
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def submit(page: Any, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def reviews_with(secret: str) -> int:
    headers = {"Authorization": f"Bearer {secret}"}
    return Client().get("/api/v1/reviews", headers=headers).status_code


def test_a_reviewer_makes_uses_and_revokes_a_token(page, reviewer):
    sign_in(page, reviewer.email, PASSWORD)
    page.get_by_role("link", name="API tokens").click()
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 844})  # the header's link fits a phone
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.set_viewport_size({"width": 1024, "height": 800})
    submit(page, "Make token")  # nothing filled in
    expect(page.get_by_role("link", name="Enter a name for the token")).to_be_visible()
    page.get_by_label("Name").fill("Trust dashboard")
    page.get_by_label("Read only").check()
    submit(page, "Make token")
    secret = page.locator("#token").inner_text()
    assert secret.startswith("clg_") and axe_violations(page) == []
    assert reviews_with(secret) == 200
    page.reload()
    expect(page.locator("#token")).to_have_count(0)
    page.get_by_role("link", name="Back to your API tokens").click()
    expect(page.get_by_role("cell", name="Trust dashboard", exact=True)).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Revoke Trust dashboard").click()
    submit(page, "Revoke token")
    expect(page.get_by_role("cell", name="Revoked", exact=True)).to_be_visible()
    assert reviews_with(secret) == 401


def test_the_documentation_runs_under_the_content_security_policy(page):
    page.goto("/api/v1/docs")
    expect(page.get_by_text("Collegium API").first).to_be_visible()
    expect(page.get_by_text("/api/v1/summaries/{pk}")).to_be_visible()
