"""A moderator finds a review in their list and reads its evidence and judgements, read-only."""

import pytest
from playwright.sync_api import expect

from collegium.reviews.models import EvidenceNote, Judgement, Review
from conftest import PASSWORD
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def agreed_review(review, reviewer):
    review.status = Review.Status.AGREED
    review.save()
    member = review.team.get(reviewer=reviewer.reviewer_profile)
    note = EvidenceNote.objects.create(
        review=review, author=member, text="Pupils in year 2 read fluently."
    )
    strand = review.framework_version.areas.get(code="A1").strands.get(code="A1S1")
    note.strands.add(strand)
    judgement = Judgement.objects.create(
        review=review, strand=strand, level=2, rationale="Reading is taught well."
    )
    judgement.evidence.add(note)
    return review


def test_moderator_reads_a_review_without_changing_it(page, moderator, agreed_review):
    sign_in(page, moderator.email, PASSWORD)
    problems = []
    page.get_by_role("link", name="Reviews", exact=True).first.click()
    page.get_by_role("link", name="Ash Primary School").click()
    expect(page.locator("h1")).to_be_visible()
    problems += axe_violations(page)
    page.get_by_role("link", name="Evidence", exact=True).click()
    expect(page.get_by_text("Pupils in year 2 read fluently.")).to_be_visible()
    expect(page.get_by_label("Your note")).to_have_count(0)  # no form for a moderator
    problems += axe_violations(page)
    page.get_by_role("link", name="Judgements", exact=True).click()
    expect(page.get_by_text("Reading is taught well.")).to_be_visible()
    problems += axe_violations(page)
    page.get_by_role("link", name="Pre-review analysis").click()
    problems += axe_violations(page)
    assert problems == []
