"""A moderator builds a calibration exercise, opens it and invites a reviewer; the reviewer grades
it on their own and then sees the reference; the moderator reads the results. axe-core checks
every page."""

from typing import Any

import pytest
from playwright.sync_api import expect

from collegium.calibration.models import CalibrationPack, Invitation
from conftest import PASSWORD
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def fits_a_phone(page: Any) -> bool:
    page.set_viewport_size({"width": 390, "height": 800})
    fits = page.evaluate("document.documentElement.scrollWidth <= 390")
    page.set_viewport_size({"width": 1024, "height": 800})
    return bool(fits)


def add_item(page: Any, strand: str, evidence: str, level: str) -> None:
    page.get_by_label("Strand", exact=True).select_option(label=strand)
    page.get_by_label("Anonymised evidence").fill(evidence)
    page.get_by_label("Reference level").select_option(label=level)
    page.get_by_role("button", name="Add item").click()


def build_and_open(page: Any) -> None:
    page.goto("/calibration/")
    expect(page.locator("h1")).to_have_text("Calibration exercises")
    assert axe_violations(page) == [] and fits_a_phone(page)
    page.get_by_label("Title").fill("Autumn calibration")
    page.get_by_label("Framework").select_option(label="Test framework, version 1")
    page.get_by_role("button", name="Create exercise").click()
    expect(page.get_by_text("Exercise created: Autumn calibration")).to_be_visible()
    page.get_by_role("button", name="Add item").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert axe_violations(page) == []
    add_item(
        page,
        "A1S1: Strand 1.1",
        "Leaders check teaching every half term.",
        "Effective (or Not met)",
    )
    expect(page.get_by_text("Item added for A1S1")).to_be_visible()
    add_item(page, "A2S2: Strand 2.2", "The policy is published and followed.", "Leading (or Met)")
    assert axe_violations(page) == [] and fits_a_phone(page)
    page.get_by_role("button", name="Open the exercise").click()
    expect(page.get_by_text("Exercise opened")).to_be_visible()
    page.get_by_role("link", name="Invite reviewers").click()
    assert axe_violations(page) == []
    page.get_by_label("Rhys Reviewer").check()
    page.get_by_role("button", name="Invite reviewers").click()
    expect(page.get_by_text("1 reviewer invited")).to_be_visible()


def grade(page: Any) -> None:
    page.goto("/calibration/mine/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Autumn calibration").click()
    expect(page.get_by_text("Leaders check teaching every half term.")).to_be_visible()
    expect(page.get_by_text("Reference level", exact=True)).to_have_count(0)
    page.get_by_role("button", name="Submit my grades").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert axe_violations(page) == [] and fits_a_phone(page)
    page.get_by_role("group", name="Item 1: A1S1 Strand 1.1").get_by_label("Leading").check()
    page.get_by_role("group", name="Item 2: A2S2 Strand 2.2").get_by_label(
        "Met", exact=True
    ).check()
    page.get_by_role("button", name="Submit my grades").click()
    expect(page.get_by_text("Grades submitted")).to_be_visible()
    expect(page.get_by_text("Reference level", exact=True).first).to_be_visible()
    assert axe_violations(page) == []


def test_calibration_exercise(page, moderator, reviewer, framework_version):
    sign_in(page, moderator.email, PASSWORD)
    build_and_open(page)
    pack = CalibrationPack.objects.get()
    assert pack.status == CalibrationPack.Status.OPEN

    page.context.clear_cookies()
    sign_in(page, reviewer.email, PASSWORD)
    grade(page)
    assert Invitation.objects.get(pack=pack).submitted_at is not None

    page.context.clear_cookies()
    sign_in(page, moderator.email, PASSWORD)
    page.goto(f"/calibration/packs/{pack.pk}/results/")
    expect(page.get_by_text("Grades submitted: 1 of 1 reviewers invited")).to_be_visible()
    expect(page.get_by_text("1 of 2 (50%)")).to_be_visible()
    assert axe_violations(page) == [] and fits_a_phone(page)
