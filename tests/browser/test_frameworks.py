"""A network admin builds and publishes a framework in the browser; the public pages pass axe."""

from typing import Any

import pytest
from playwright.sync_api import expect

from collegium.frameworks.models import FrameworkVersion
from collegium.frameworks.shipped import load_frameworks
from conftest import PASSWORD
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def submit(page: Any, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def test_a_network_admin_builds_and_publishes_a_framework(page, network_admin):
    sign_in(page, network_admin.email, PASSWORD)
    page.goto("/frameworks/")
    page.get_by_role("link", name="Create a framework").click()
    page.get_by_label("Name", exact=True).fill("Reading review")
    page.get_by_label("Short name").fill("reading-review")
    submit(page, "Create framework")
    expect(page.get_by_text("Reading review has been created")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Add a level to the scale").click()
    page.get_by_label("Label").fill("Secure")
    submit(page, "Add level")
    page.get_by_role("link", name="Add an area").click()
    page.get_by_label("Code").fill("RD")
    page.get_by_label("Title").fill("Reading")
    submit(page, "Add area")
    page.get_by_role("link", name="Add a strand to area RD").click()
    page.get_by_label("Code").fill("RD1")
    page.get_by_label("Title").fill("Early reading")
    page.get_by_label("Enquiry question").fill("To what extent does every pupil learn to read?")
    submit(page, "Add strand")

    page.get_by_role("link", name="Publish this version").click()
    expect(page.get_by_text("Strand RD1 needs a descriptor for Secure")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Back to version 1").click()
    page.get_by_role("link", name="Level descriptors for strand RD1").click()
    page.get_by_label("Secure").fill("Nearly every pupil reads fluently by the end of year 2.")
    assert axe_violations(page) == []
    submit(page, "Save descriptors")
    page.get_by_role("link", name="Publish this version").click()
    submit(page, "Publish version 1")
    expect(page.get_by_text("Version 1 has been published.")).to_be_visible()
    assert FrameworkVersion.objects.get(framework__slug="reading-review").is_published


def test_an_import_with_mistakes_lists_them_by_line(page, coordinator):
    sign_in(page, coordinator.email, PASSWORD)
    page.goto("/frameworks/import/")
    page.get_by_label("Or paste the framework's YAML or JSON").fill(
        "slug: bad\nname: Bad\nscale: Leading\nareas: []\n"
    )
    submit(page, "Import")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Line 3: 'scale' must be a list of levels")
    assert axe_violations(page) == []
    assert not FrameworkVersion.objects.filter(framework__slug="bad").exists()


def test_the_public_framework_pages_are_accessible_on_a_phone(page):
    load_frameworks()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/frameworks/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Version 1 of Six national evaluation areas").click()
    expect(page.locator("h1")).to_have_text("Six national evaluation areas")
    expect(page.get_by_text("Safeguarding arrangements")).to_be_visible()
    assert axe_violations(page) == []
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    page.goto("/frameworks/enquiry/1/")
    assert axe_violations(page) == []
