"""R7 in real Chromium: the school checks the report and agrees the summary, the lead finalises
and publishes, the public reads the summary, and the report stays closed to a governor the head
has not allowed."""

import pytest
from playwright.sync_api import expect

from collegium.quality.models import NetworkModerationSettings
from collegium.reports.models import Report
from collegium.reports.services.cycle import send_for_accuracy_check
from collegium.reports.tests.conftest import agree_judgements
from conftest import PASSWORD
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sent(review, lead_reviewer) -> Report:
    # Moderation before publication (on by default) has its own journey, test_moderation.py.
    NetworkModerationSettings.objects.create(pk=1, requires_moderation=False)
    agree_judgements(review, lead_reviewer)
    report = Report.objects.create(
        review=review,
        developmental_report="The school knows itself well.",
        summary="Pupils at Ash read widely and well.",
    )
    return send_for_accuracy_check(lead_reviewer, report)


def fits_a_phone(page) -> bool:
    page.set_viewport_size({"width": 390, "height": 844})
    fits = page.evaluate("document.documentElement.scrollWidth <= 390")
    page.set_viewport_size({"width": 1024, "height": 800})
    return fits


def test_the_school_checks_the_lead_publishes_and_the_public_reads(
    page, sent, school_leader, lead_reviewer, governor
):
    report_url = f"/reports/{sent.pk}/"
    sign_in(page, school_leader.email, PASSWORD)
    page.goto(report_url)
    expect(page.get_by_text("working days left")).to_be_visible()
    assert axe_violations(page) == []
    assert fits_a_phone(page)
    page.get_by_role("link", name="Complete the factual accuracy check").click()
    expect(page.locator("h1")).to_have_text("Factual accuracy check")
    assert axe_violations(page) == []
    page.get_by_label("A factual error in the report").fill("The school has 212 pupils, not 221.")
    with page.expect_navigation():
        page.get_by_role("button", name="Add the point").click()
    expect(page.get_by_text("Your point has been added")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("We agree the public summary as it is written").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Send the check to the lead reviewer").click()
    expect(page.get_by_text("Your factual accuracy check has been sent")).to_be_visible()
    page.context.clear_cookies()

    # The lead answers the point (not corrected, with the reason) before the report can be final;
    # a correction, with the report's words changed, is journey (b) of test_trust.py.
    sign_in(page, lead_reviewer.email, PASSWORD)
    page.goto(report_url)
    expect(page.get_by_text("The school has 212 pupils, not 221.")).to_be_visible()
    expect(page.get_by_role("link", name="Finalise the report")).to_have_count(0)
    page.get_by_role("link", name="Answer the school's comments").click()
    expect(page.locator("h1")).to_have_text("Factual accuracy comments")
    assert axe_violations(page) == []
    page.get_by_label("Not corrected", exact=True).check()
    page.get_by_label("Why the report is not corrected").fill(
        "The report gives no number on roll: 221 is the census figure in the school's own data."
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Save the answer").click()
    expect(page.get_by_text("Your answer has been saved.")).to_be_visible()
    answered = page.locator(".govuk-summary-list", has_text="Why it is not corrected")
    expect(answered).to_contain_text("221 is the census figure in the school's own data")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Back to the report").click()
    page.get_by_role("link", name="Finalise the report").click()
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Finalise the report").click()
    page.get_by_role("link", name="Publish the summary").click()
    expect(page.get_by_text("Pupils at Ash read widely and well.")).to_be_visible()
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Publish the summary").click()
    expect(page.get_by_text("The summary has been published.")).to_be_visible()
    assert axe_violations(page) == []
    page.context.clear_cookies()

    page.goto("/reports/published/")
    assert axe_violations(page) == []
    assert fits_a_phone(page)
    page.get_by_role("link", name="Quality assurance review from").click()
    expect(page.locator("h1")).to_have_text("Ash Primary School")
    expect(page.get_by_text("Pupils at Ash read widely and well.")).to_be_visible()
    expect(page.get_by_text("The school knows itself well.")).to_have_count(0)
    assert axe_violations(page) == []
    assert fits_a_phone(page)

    sign_in(page, governor.email, PASSWORD)
    response = page.goto(report_url)
    assert response is not None and response.status == 404
    expect(page.get_by_text("The school knows itself well.")).to_have_count(0)
