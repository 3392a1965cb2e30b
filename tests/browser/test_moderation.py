"""A moderator draws the term's sample, moderates a review (adjusting one strand) and completes it;
the school's leader reads the feedback. axe-core checks every page."""

from typing import Any

import pytest
from playwright.sync_api import expect

from collegium.quality.models import Moderation
from collegium.quality.terms import term_of
from collegium.quality.tests.conftest import agree
from conftest import PASSWORD
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def fits_a_phone(page: Any) -> bool:
    page.set_viewport_size({"width": 390, "height": 800})
    fits = page.evaluate("document.documentElement.scrollWidth <= 390")
    page.set_viewport_size({"width": 1024, "height": 800})
    return bool(fits)


def test_moderator_moderates_and_the_school_reads_the_feedback(
    page, review, moderator, school_leader
):
    agree(review)
    term = term_of(review.start_date)
    sign_in(page, moderator.email, PASSWORD)
    page.goto(f"/moderation/?term={term.key}")
    expect(page.locator("h1")).to_have_text(term.label)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Draw the sample").click()
    expect(page.get_by_text("Sample drawn: 1 review to moderate")).to_be_visible()
    expect(page.get_by_text("Led by a newly accredited lead reviewer")).to_be_visible()
    assert axe_violations(page) == [] and fits_a_phone(page)

    # The sample's row (the review also shows below, awaiting moderation before publication).
    page.get_by_role("link", name="Ash Primary School", exact=True).click()
    expect(page.locator("h1")).to_have_text("Moderate the judgements")
    assert axe_violations(page) == [] and fits_a_phone(page)
    page.get_by_label("A1S2: moderated level").select_option(label="Working towards")
    page.get_by_role("button", name="Save moderated levels").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("A1S2: rationale").fill("Pupils' books show gaps in extended writing.")
    page.get_by_role("button", name="Save moderated levels").click()
    expect(page.get_by_text("Moderated levels saved")).to_be_visible()
    expect(page.get_by_text("Adjusted", exact=True)).to_be_visible()
    page.get_by_label("Feedback to the review team").fill("Secure judgements; A1S2 generous.")
    page.get_by_role("button", name="Complete moderation").click()
    expect(page.locator("h1")).to_have_text("Moderation outcome")
    assert axe_violations(page) == []
    assert Moderation.objects.get(review=review).is_completed

    page.context.clear_cookies()
    sign_in(page, school_leader.email, PASSWORD)
    page.goto(f"/moderation/reviews/{review.pk}/outcome/")
    expect(page.get_by_text("Secure judgements; A1S2 generous.")).to_be_visible()
    expect(page.get_by_text("Pupils' books show gaps in extended writing.")).to_be_visible()
    assert axe_violations(page) == [] and fits_a_phone(page)
