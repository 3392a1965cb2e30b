"""Each role signs in, walks the pages its navigation offers, and axe-core finds no violations."""

from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def walk_navigation(page: Any) -> list[str]:
    """Visit every page in the service navigation and under "More" on the home page; return the
    problems found."""
    problems = []
    page.goto("/")
    links = page.locator(".govuk-service-navigation__link, #more a")
    targets = [
        (links.nth(i).inner_text(), links.nth(i).get_attribute("href"))
        for i in range(links.count())
    ]
    for text, href in targets:
        page.goto(href)
        if page.locator("h1").count() != 1:
            problems.append(f"{text}: expected one h1")
        problems += [f"{text}: {v}" for v in axe_violations(page)]
    return problems


def test_public_pages_are_accessible(page, school_a, reviewer):
    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text() == "Peer review that schools trust"
    assert axe_violations(page) == []
    page.goto(f"/schools/{school_a.urn}/")
    assert school_a.name in page.locator("h1").inner_text()
    assert axe_violations(page) == []
    page.goto(f"/reviewers/{reviewer.reviewer_profile.pk}/")
    assert axe_violations(page) == []
    page.goto("/account/sign-in/")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert axe_violations(page) == []


def test_school_leader_finds_their_school_and_cluster(page, school_leader, school_a, cluster):
    sign_in(page, school_leader.email, PASSWORD)
    expect(page.get_by_text("Sam Leader")).to_be_visible()
    assert walk_navigation(page) == []
    page.goto("/schools/?q=Ash")
    page.get_by_role("link", name="Ash Primary School").click()
    expect(page.locator("h1")).to_contain_text("Ash Primary School")
    page.goto(f"/clusters/{cluster.pk}/")
    assert "Testtown Cluster" in page.locator("h1").inner_text()
    assert axe_violations(page) == []


def test_reviewer_reads_and_edits_their_record(page, reviewer):
    sign_in(page, reviewer.email, PASSWORD)
    assert walk_navigation(page) == []
    page.get_by_role("link", name="My reviewer record").click()
    expect(page.locator("h1")).to_contain_text("Rhys Reviewer")
    assert axe_violations(page) == []


def test_moderator_walks_accreditation(page, moderator, reviewer, cluster):
    sign_in(page, moderator.email, PASSWORD)
    assert walk_navigation(page) == []
    page.goto("/")
    page.get_by_role("link", name="Accreditation").first.click()
    expect(page.get_by_role("link", name="Rhys Reviewer", exact=True)).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()
