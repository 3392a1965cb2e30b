"""Agreeing the judgements (R6): a strand needs a peer's proposal or the lead's reason, and
"Agree the judgements" shows a check page first; only its confirmation locks them."""

from html import unescape

import pytest
from django.urls import reverse

from collegium.frameworks.models import Strand
from collegium.reviews.models import Judgement, Review
from collegium.reviews.services.evidence import record_evidence
from collegium.reviews.services.judgements import (
    agree_findings,
    agree_judgement,
    propose_judgement,
)

pytestmark = pytest.mark.django_db

CODES = ("A1S1", "A1S2", "A2S1", "A2S2")
NO_PEER = "Rhys Reviewer was called back to his school before the team meeting"


@pytest.fixture
def visit(review):
    review.status = Review.Status.VISIT
    review.save()
    return review


def strand(review, code):
    return Strand.objects.get(area__version=review.framework_version, code=code)


def note(review, user, code):
    member = review.team.get(reviewer__user=user)
    return record_evidence(user, review, member, f"Seen on {code}", [strand(review, code).pk])


def propose(review, user, code, level):
    evidence = note(review, user, code)
    member = review.team.get(reviewer__user=user)
    propose_judgement(user, review, member, strand(review, code), level, "Seen", [evidence.pk])
    return evidence


def check_url(review):
    return reverse("reviews:agree-judgements", args=[review.pk])


def agree_url(review, code):
    return reverse("reviews:agree-judgement", args=[review.pk, strand(review, code).pk])


def ready(review, reviewer, lead):
    """Every strand agreed (A2S1 without a peer's proposal, with the lead's reason), and the
    findings; the peer first proposed A1S1 at level 3, then at 2."""
    propose(review, reviewer, "A1S1", 3)
    for code in CODES:
        if code == "A2S1":
            evidence = note(review, lead, code)
            agree_judgement(lead, review, strand(review, code), 2, "Agreed", [evidence.pk], NO_PEER)
        else:
            evidence = propose(review, reviewer, code, 2 if code != "A2S2" else 1)
            agree_judgement(lead, review, strand(review, code), 2, "Agreed", [evidence.pk])
    agree_findings(lead, review, "Reading", "Writing", strand(review, "A1S2"), "Writing")


def test_agree_the_judgements_leads_to_the_check_page(client_for, reviewer, lead_reviewer, visit):
    ready(visit, reviewer, lead_reviewer)
    client = client_for(lead_reviewer)
    overview = client.get(reverse("reviews:judgements", args=[visit.pk])).text
    assert f'href="{check_url(visit)}"' in overview
    response = client.get(check_url(visit))
    assert response.status_code == 200
    text = unescape(response.text)
    assert "Check the judgements before you agree them" in text
    for code in CODES:
        assert strand(visit, code).title in text
    assert "Rhys Reviewer (peer reviewer): Effective" in text  # the latest, not the first
    assert "Lena Lead (lead reviewer): no proposal" in text
    assert "Agreed without a peer's proposal:</strong> " + NO_PEER in text
    assert "Confirm and agree the judgements" in text
    visit.refresh_from_db()
    assert visit.status == Review.Status.VISIT  # looking changes nothing


def test_only_the_confirmation_locks_the_judgements(client_for, reviewer, lead_reviewer, visit):
    ready(visit, reviewer, lead_reviewer)
    response = client_for(lead_reviewer).post(check_url(visit))
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == Review.Status.AGREED
    text = client_for(lead_reviewer).get(check_url(visit)).text
    assert "Confirm and agree the judgements" not in text and "can no longer be changed" in text


def test_the_check_page_lists_what_is_missing_and_offers_no_confirmation(
    client_for, reviewer, lead_reviewer, visit
):
    evidence = propose(visit, reviewer, "A1S1", 2)
    agree_judgement(lead_reviewer, visit, strand(visit, "A1S1"), 2, "Agreed", [evidence.pk])
    text = unescape(client_for(lead_reviewer).get(check_url(visit)).text)
    assert "Agree a judgement for A1S2 Strand 1.2" in text
    assert "Agree the findings and the improvement priority" in text
    assert "Not agreed yet" in text
    assert "Confirm and agree the judgements" not in text


def test_a_confirmation_with_something_missing_is_refused_with_the_reasons(
    client_for, lead_reviewer, visit
):
    response = client_for(lead_reviewer).post(check_url(visit))
    assert response.status_code == 400
    text = unescape(response.text)
    assert "Agree a judgement for A1S1 Strand 1.1 before agreeing the judgements" in text
    visit.refresh_from_db()
    assert visit.status == Review.Status.VISIT


def test_the_lead_gives_a_reason_on_the_agree_page_when_no_peer_proposed(
    client_for, reviewer, lead_reviewer, visit
):
    evidence = note(visit, reviewer, "A1S1")
    client = client_for(lead_reviewer)
    form = unescape(client.get(agree_url(visit, "A1S1")).text)
    assert "Why are you agreeing this judgement without a peer's proposal?" in form
    data = {"level": "2", "rationale": "Agreed", "evidence": [evidence.pk]}
    response = client.post(agree_url(visit, "A1S1"), data)
    assert response.status_code == 400
    assert "No other member of the team has proposed a level for A1S1" in unescape(response.text)
    assert not Judgement.objects.exists()
    response = client.post(agree_url(visit, "A1S1"), data | {"no_peer_reason": NO_PEER})
    assert response.status_code == 302
    assert Judgement.objects.get().no_peer_reason == NO_PEER
    overview = unescape(client.get(reverse("reviews:judgements", args=[visit.pk])).text)
    assert NO_PEER in overview


def test_no_reason_is_asked_for_once_a_peer_proposed(client_for, reviewer, lead_reviewer, visit):
    propose(visit, reviewer, "A1S1", 2)
    form = unescape(client_for(lead_reviewer).get(agree_url(visit, "A1S1")).text)
    assert "without a peer's proposal" not in form


def test_only_the_lead_sees_or_confirms_the_check_page(
    client_for, reviewer, lead_reviewer, school_leader, coordinator, moderator, visit
):
    ready(visit, reviewer, lead_reviewer)
    for person in (reviewer, school_leader, coordinator, moderator):
        client = client_for(person)
        assert client.get(check_url(visit)).status_code == 403
        assert client.post(check_url(visit)).status_code == 403
    visit.refresh_from_db()
    assert visit.status == Review.Status.VISIT


def test_outsiders_get_not_found_and_anonymous_must_sign_in(client_for, outsider, visit):
    assert client_for(outsider).get(check_url(visit)).status_code == 404
    response = client_for(None).get(check_url(visit))
    assert response["Location"].startswith(reverse("accounts:sign-in"))
