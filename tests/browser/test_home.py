"""The home page says what needs doing (issue 15, part 2), in real Chromium with axe-core on every
page: a head follows the next steps as the review moves on (the focus and nominee before the
visit, then the factual accuracy check, then the summary to agree); a governor reaches the
report the head shared with governors from the home page."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from collegium.reports.models import Report
from collegium.reviews.models import Review
from conftest import PASSWORD
from tests.browser.journey import accessible, sign_in_from_home, sign_out

pytestmark = pytest.mark.django_db(transaction=True)

SCHOOL = "Ash Primary School"


def to_dos(page: Any) -> Any:
    return page.locator("#to-dos")


def test_a_head_follows_the_next_steps_as_the_review_moves_on(
    page, review, school_leader, governor
):
    sign_in_from_home(page, school_leader.email, PASSWORD)
    expect(page.get_by_text(f"(Head of {SCHOOL})")).to_be_visible()
    step = to_dos(page).get_by_role("link", name=f"Set the focus and the nominee for {SCHOOL}")
    expect(to_dos(page)).to_contain_text("school days left")
    step.click()
    accessible(page)
    page.get_by_label("Nominee's name").fill("Pat Nominee")
    page.get_by_label("Nominee's role").fill("Deputy headteacher")
    page.get_by_role("button", name="Save").click()
    accessible(page)
    page.get_by_role("link", name="Peer review for schools").click()
    expect(page.get_by_role("heading", name="What you need to do")).to_be_visible()
    expect(page.get_by_text("Set the focus and the nominee")).to_have_count(0)
    accessible(page)

    # The visit is over and the lead sends the report for the school's check.
    Review.objects.filter(pk=review.pk).update(status=Review.Status.AGREED)
    Report.objects.create(
        review=review,
        status=Report.Status.ACCURACY_CHECK,
        developmental_report="Pupils read widely.",
        summary="Pupils at Ash read widely and well.",
        sent_for_check_at=timezone.now(),
        accuracy_check_due=timezone.localdate() + timedelta(days=7),
    )
    page.reload()
    check = f"Check the report on {SCHOOL}'s review for factual accuracy"
    to_dos(page).get_by_role("link", name=check).click()
    accessible(page)
    page.get_by_role("button", name="Send the check to the lead reviewer").click()
    accessible(page)
    page.get_by_role("link", name="Peer review for schools").click()
    expect(page.get_by_text(check)).to_have_count(0)
    agree = to_dos(page).get_by_role("link", name=f"Agree the public summary of {SCHOOL}'s review")
    expect(agree).to_be_visible()
    accessible(page)
    sign_out(page)

    # The report is final and shared with governors: the governor finds it at home.
    Report.objects.filter(pk=review.pk).update(
        status=Report.Status.FINAL,
        finalised_at=timezone.now(),
        shared_with=[Report.Audience.GOVERNORS],
    )
    sign_in_from_home(page, governor.email, PASSWORD)
    to_dos(page).get_by_role("link", name=f"Read the report on {SCHOOL}'s review").click()
    expect(page.get_by_text("Pupils read widely.")).to_be_visible()
    accessible(page)


def test_the_help_guides_are_reached_from_home(page, reviewer):
    sign_in_from_home(page, reviewer.email, PASSWORD)
    page.get_by_role("link", name="If you are a reviewer").click()
    expect(page.locator("h1")).to_have_text("If you are a reviewer")
    accessible(page)
    page.get_by_role("link", name="All guides").click()
    expect(page.locator("h1")).to_have_text("Help")
    accessible(page)
