"""Judging with the descriptors in view, in real Chromium on a phone: each level's descriptor
beside its radio, and after saving the page lands on the strand just saved, its message in view
and focused (not the top of a long page). axe-core on both pages."""

import pytest
from playwright.sync_api import expect

from collegium.frameworks.models import LevelDescriptor, Strand
from collegium.reviews.models import Review
from collegium.reviews.services.evidence import record_evidence
from conftest import PASSWORD
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
DESCRIPTOR = "Pupils with SEND are taught alongside their peers and make strong progress"


def test_proposal_shows_descriptors_and_returns_to_the_strand(
    chromium, live_server, reviewer, review
):
    review.status = Review.Status.VISIT
    review.save()
    strand = Strand.objects.get(area__version=review.framework_version, code="A2S1")
    LevelDescriptor.objects.create(strand=strand, level=2, text=DESCRIPTOR)
    member = review.team.get(reviewer__user=reviewer)
    record_evidence(reviewer, review, member, "Seen in Year 4", [strand.pk])
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    sign_in(page, reviewer.email, PASSWORD)
    page.goto(f"/reviews/{review.pk}/judgements/{strand.pk}/propose/")
    radio = page.get_by_label("Effective", exact=True)
    expect(radio).to_have_accessible_description(DESCRIPTOR)
    assert axe_violations(page) == []
    radio.check()
    page.get_by_label("Rationale").fill("Strong progress seen in Year 4")
    page.get_by_label("Rhys Reviewer: Seen in Year 4").check()
    page.get_by_role("button", name="Propose the judgement").click()
    page.wait_for_url(f"**/reviews/{review.pk}/judgements/#strand-{strand.pk}")
    section = page.locator(f"#strand-{strand.pk}")
    banner = section.locator(".govuk-notification-banner")
    expect(banner).to_contain_text(f"Your proposed judgement of {strand} has been saved")
    expect(section).to_be_focused()  # a screen reader starts at the strand and its message
    expect(banner).to_be_in_viewport()
    assert page.evaluate("window.scrollY") > 0  # not back at the top of the page
    assert axe_violations(page) == []
    context.close()
