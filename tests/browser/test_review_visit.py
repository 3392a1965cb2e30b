"""The review visit in real Chromium on a 390 × 844 phone screen: evidence saved as the reviewer
types (still there after a reload), a conflict between two browsers shown, a concern raised and
answered, and the lead agreeing the judgements and the priority. axe-core on every page."""

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from collegium.frameworks.models import Strand
from collegium.reviews.models import EvidenceNote, Review
from collegium.reviews.services.evidence import record_evidence
from conftest import PASSWORD
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(chromium: Any, live_server: Any) -> Iterator[Any]:
    """A function opening a new phone-sized browser (its own cookies and storage) per call."""
    contexts = []

    def open_page() -> Any:
        context = chromium.new_context(base_url=live_server.url, viewport=PHONE)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def visit(review: Review) -> Review:
    review.status = Review.Status.VISIT
    review.save()
    return review


def signed_in(phone: Any, user: Any) -> Any:
    page = phone()
    sign_in(page, user.email, PASSWORD)
    return page


def fits_the_screen(page: Any) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_reviewer_records_evidence_that_saves_as_they_type(phone, reviewer, visit):
    page = signed_in(phone, reviewer)
    page.goto(f"/reviews/{visit.pk}/evidence/")
    expect(page.locator("h1")).to_have_text("Evidence")
    assert fits_the_screen(page)
    assert axe_violations(page) == []
    page.get_by_label("A1S1 Strand 1.1").check()
    page.get_by_label("Your note").fill("Year 2 pupils blended unfamiliar words accurately")
    status = page.get_by_role("status")
    expect(status).to_contain_text("Saved at", timeout=10000)
    page.reload()
    notes = page.locator(".collegium-note")
    expect(notes).to_contain_text("Year 2 pupils blended unfamiliar words accurately")
    expect(notes).to_contain_text("A1S1")
    expect(page.get_by_label("Your note")).to_have_value("")
    assert EvidenceNote.objects.get().author.reviewer.user == reviewer
    assert axe_violations(page) == []


def test_note_typed_offline_is_kept_on_the_device_and_saved_when_back_online(
    phone, reviewer, visit
):
    page = signed_in(phone, reviewer)
    page.goto(f"/reviews/{visit.pk}/evidence/")
    page.context.set_offline(True)
    page.get_by_label("Your note").fill("Written in the library, where there is no signal")
    status = page.get_by_role("status")
    expect(status).to_contain_text(
        "Not saved: you are offline — your note is kept on this device", timeout=10000
    )
    kept = page.evaluate(f"localStorage.getItem('collegium-evidence-{visit.pk}-new')")
    assert "no signal" in kept
    assert not EvidenceNote.objects.exists()
    page.context.set_offline(False)
    expect(status).to_contain_text("Saved at", timeout=15000)
    assert EvidenceNote.objects.get().text == "Written in the library, where there is no signal"
    assert page.evaluate(f"localStorage.getItem('collegium-evidence-{visit.pk}-new')") is None


def test_unsaved_draft_is_put_back_when_the_page_opens_again(phone, reviewer, visit):
    page = signed_in(phone, reviewer)
    page.goto(f"/reviews/{visit.pk}/evidence/")
    draft = {
        "text": "Typed before the tab closed",
        "strands": [],
        "activity": "",
        "note": "",
        "base": "",
    }
    page.evaluate(
        "([key, draft]) => localStorage.setItem(key, JSON.stringify(draft))",
        [f"collegium-evidence-{visit.pk}-new", draft],
    )
    page.reload()
    expect(page.get_by_label("Your note")).to_have_value("Typed before the tab closed")
    expect(page.get_by_role("status")).to_contain_text("Saved at", timeout=10000)
    assert EvidenceNote.objects.get().text == "Typed before the tab closed"


def test_evidence_form_works_without_javascript(chromium, live_server, reviewer, visit):
    context = chromium.new_context(
        base_url=live_server.url, viewport=PHONE, java_script_enabled=False
    )
    try:
        page = context.new_page()
        sign_in(page, reviewer.email, PASSWORD)
        page.goto(f"/reviews/{visit.pk}/evidence/")
        page.get_by_label("Your note").fill("Saved with the button")
        page.get_by_label("A2S1 Strand 2.1").check()
        page.get_by_role("button", name="Save note").click()
        expect(page.get_by_text("Your note has been saved")).to_be_visible()
        expect(page.locator(".collegium-note")).to_contain_text("Saved with the button")
    finally:
        context.close()


def test_two_browsers_editing_one_note_see_a_conflict(phone, reviewer, visit):
    a1s1 = Strand.objects.get(area__version=visit.framework_version, code="A1S1")
    member = visit.team.get(reviewer__user=reviewer)
    note = record_evidence(reviewer, visit, member, "Reading corners in every room", [a1s1.pk])
    change = f"/reviews/{visit.pk}/evidence/{note.pk}/change/"
    first, second = signed_in(phone, reviewer), signed_in(phone, reviewer)
    first.goto(change)
    second.goto(change)
    assert axe_violations(first) == []
    first.get_by_label("Your note").fill("Reading corners in every room, well used at lunch")
    expect(first.get_by_role("status")).to_contain_text("Saved at", timeout=10000)
    second.get_by_label("Your note").fill("Reading corners in every room, rarely used")
    status = second.get_by_role("status")
    expect(status).to_contain_text("Conflict: Rhys Reviewer changed this note at", timeout=10000)
    expect(status).to_contain_text("well used at lunch")
    note.refresh_from_db()
    assert note.text == "Reading corners in every room, well used at lunch"
    assert axe_violations(second) == []
    second.get_by_role("button", name="Keep my version").click()
    expect(status).to_contain_text("Saved at", timeout=10000)
    note.refresh_from_db()
    assert (note.text, note.revision) == ("Reading corners in every room, rarely used", 3)


def test_school_raises_a_concern_and_the_lead_answers(phone, school_leader, lead_reviewer, visit):
    school = signed_in(phone, school_leader)
    school.goto(f"/reviews/{visit.pk}/concerns/")
    assert axe_violations(school) == []
    school.get_by_label("Your concern").fill("Feedback to a teacher was given in front of pupils")
    school.get_by_role("button", name="Send the concern").click()
    expect(school.get_by_text("Your concern has been sent to the lead reviewer")).to_be_visible()
    lead = signed_in(phone, lead_reviewer)
    lead.goto(f"/reviews/{visit.pk}/concerns/")
    expect(lead.get_by_text("Not answered yet")).to_be_visible()
    lead.get_by_role("link", name="Respond").click()
    assert axe_violations(lead) == []
    lead.get_by_label("Your response").fill("Feedback will be given privately from now on")
    lead.get_by_role("button", name="Send the response").click()
    expect(lead.get_by_text("Feedback will be given privately from now on")).to_be_visible()
    school.reload()
    expect(school.get_by_text("Feedback will be given privately from now on")).to_be_visible()
    assert axe_violations(school) == []


def agree_strand(page: Any, review: Review, strand: Strand, level: str, why: str = "") -> None:
    """Agree one strand; `why`: the lead's reason when no peer proposed a level for it."""
    page.goto(f"/reviews/{review.pk}/judgements/{strand.pk}/agree/")
    page.get_by_label(level, exact=True).check()
    page.get_by_label("Rationale").fill(f"The team agreed {strand.code} on the evidence")
    page.locator("input[name=evidence]").first.check()
    if why:
        page.get_by_label("Why are you agreeing this judgement without a peer's proposal?").fill(
            why
        )
    page.get_by_role("button", name="Agree the judgement").click()
    expect(page.get_by_text(f"The judgement of {strand} has been agreed")).to_be_visible()


def test_lead_agrees_judgements_and_the_priority(phone, reviewer, lead_reviewer, visit):
    member = visit.team.get(reviewer__user=reviewer)
    strands = list(Strand.objects.filter(area__version=visit.framework_version))
    for strand in strands:
        record_evidence(reviewer, visit, member, f"Seen for {strand.code}", [strand.pk])
    peer = signed_in(phone, reviewer)
    peer.goto(f"/reviews/{visit.pk}/judgements/{strands[0].pk}/propose/")
    assert axe_violations(peer) == []
    peer.get_by_label("Effective", exact=True).check()
    peer.get_by_label("Rationale").fill("Phonics is consistent across classes")
    peer.get_by_label("Rhys Reviewer: Seen for A1S1").check()
    peer.get_by_role("button", name="Propose the judgement").click()
    expect(peer.get_by_text("Phonics is consistent across classes")).to_be_visible()
    lead = signed_in(phone, lead_reviewer)
    # Only A1S1 has a peer's proposal: the lead records why each other strand is agreed without.
    why = "Rhys observed this strand with me; we agreed the level together in the team meeting"
    for strand in strands:
        level = "Met" if strand.met_or_not_met else "Effective"
        agree_strand(lead, visit, strand, level, why="" if strand == strands[0] else why)
    lead.goto(f"/reviews/{visit.pk}/findings/")
    assert axe_violations(lead) == []
    lead.get_by_label("Strengths").fill("Early reading")
    lead.get_by_label("Areas to develop").fill("Writing at length")
    lead.get_by_label("Strand of the improvement priority").select_option(label=str(strands[1]))
    lead.get_by_label("Improvement priority", exact=True).fill("Extended writing in key stage 2")
    lead.get_by_role("button", name="Agree the findings").click()
    expect(lead.get_by_text("Extended writing in key stage 2")).to_be_visible()
    lead.get_by_role("button", name="Agree the judgements").click()  # a link styled as a button
    expect(lead.locator("h1")).to_have_text("Check the judgements before you agree them")
    expect(lead.get_by_text(f"Agreed without a peer's proposal: {why}")).to_have_count(3)
    assert fits_the_screen(lead)
    assert axe_violations(lead) == []
    lead.get_by_role("button", name="Confirm and agree the judgements").click()
    expect(lead.get_by_text("The judgements have been agreed. They can no longer")).to_be_visible()
    assert fits_the_screen(lead)
    assert axe_violations(lead) == []
    visit.refresh_from_db()
    assert visit.status == Review.Status.AGREED
