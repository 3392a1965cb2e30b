"""A moderator reads reliability and reviewer severity; the public reads the bias audit."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from collegium.consistency import figures
from collegium.consistency.tests.network import build_network
from conftest import PASSWORD
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def network(framework_version, cluster, la):
    cache.clear()
    # 96 schools: the bias audit needs 90 in an area before it reports (its power calculation).
    reviews = build_network(framework_version, cluster, la, n_schools=96)
    figures.refresh()  # what the task worker does when the data change
    return reviews


def fits_a_phone(page) -> bool:
    page.set_viewport_size({"width": 390, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1024, "height": 800})
    return width <= 390


def test_moderator_reads_reliability_and_severity(page, moderator, network):
    sign_in(page, moderator.email, PASSWORD)
    page.goto("/consistency/")
    expect(page.get_by_role("heading", name="Reliability of judgements")).to_be_visible()
    expect(page.get_by_role("heading", name="By framework area")).to_be_visible()
    expect(page.get_by_role("img", name="Ordinal alpha by term")).to_be_visible()
    problems = axe_violations(page)
    assert fits_a_phone(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download reliability by term (CSV)").click()
    assert download.value.suggested_filename == "reliability-by-term.csv"
    page.get_by_role("link", name="Reviewer severity").click()
    flagged = page.get_by_role("listitem").filter(has_text="Generated Reviewer 0")
    expect(flagged).to_contain_text("harsher than most reviewers")
    expect(page.get_by_role("img", name="Each reviewer's severity in each term")).to_be_visible()
    problems += axe_violations(page)
    assert fits_a_phone(page)
    flagged.get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="Severity-adjusted judgements")).to_be_visible()
    expect(page.get_by_role("cell", name="A1S1 Strand 1.1")).to_be_visible()
    problems += axe_violations(page)
    assert fits_a_phone(page)
    assert problems == []


def test_the_public_reads_the_bias_audit(page, network):
    page.goto("/consistency/bias/")
    expect(page.get_by_role("heading", name="Bias audit of judgements")).to_be_visible()
    expect(page.get_by_role("heading", name="Test framework: A1 Area 1")).to_be_visible()
    expect(
        page.get_by_text("Schools in higher FSM quintiles: no difference beyond value added")
    ).to_have_count(2)
    expect(page.get_by_role("link", name="Reviewer severity")).to_have_count(0)
    assert fits_a_phone(page)
    assert axe_violations(page) == []
