"""The judgements pages: the school's view beside the proposals, proposing, agreeing each
strand, the findings, agreeing the whole and closing; read-only after agreement; refusals."""

from html import unescape

import pytest
from django.urls import reverse

from collegium.frameworks.models import Strand
from collegium.people.dates import current_academic_year
from collegium.reports.models import Report
from collegium.reviews.models import Findings, Judgement, JudgementProposal, Review
from collegium.reviews.services.evidence import record_evidence
from collegium.reviews.services.judgements import (
    agree_findings,
    agree_judgement,
    propose_judgement,
)
from collegium.selfevaluation.models import SelfEvaluation, StrandEvaluation


@pytest.fixture
def visit(review):
    review.status = Review.Status.VISIT
    review.save()
    return review


def strand(review, code):
    return Strand.objects.get(area__version=review.framework_version, code=code)


def note(review, user, code, text="Phonics teaching is consistent"):
    member = review.team.get(reviewer__user=user)
    return record_evidence(user, review, member, text, [strand(review, code).pk])


def proposed_note(review, peer, code, level=1):
    """A peer's note on the strand and their proposal citing it, as agreement needs."""
    evidence = note(review, peer, code)
    member = review.team.get(reviewer__user=peer)
    propose_judgement(peer, review, member, strand(review, code), level, "Seen", [evidence.pk])
    return evidence


def page(review):
    return reverse("reviews:judgements", args=[review.pk])


def propose_url(review, code):
    return reverse("reviews:propose", args=[review.pk, strand(review, code).pk])


def agree_url(review, code):
    return reverse("reviews:agree-judgement", args=[review.pk, strand(review, code).pk])


def test_page_shows_the_schools_view_beside_the_proposals(client_for, reviewer, visit):
    evaluation = SelfEvaluation.objects.create(
        school=visit.school,
        academic_year=current_academic_year(visit.start_date),
        framework_version=visit.framework_version,
        status=SelfEvaluation.Status.SUBMITTED,
    )
    StrandEvaluation.objects.create(
        self_evaluation=evaluation,
        strand=strand(visit, "A1S1"),
        level=1,
        narrative="Our phonics is leading",
    )
    evidence = note(visit, reviewer, "A1S1")
    client = client_for(reviewer)
    form = client.get(propose_url(visit, "A1S1")).text
    assert "Rhys Reviewer: Phonics teaching is consistent" in form
    response = client.post(
        propose_url(visit, "A1S1"),
        {"level": "2", "rationale": "Consistent but not yet leading", "evidence": [evidence.pk]},
    )
    assert response.status_code == 302
    text = unescape(client.get(page(visit)).text)
    assert "Our phonics is leading" in text and "Leading" in text
    assert "Consistent but not yet leading" in text and "Effective" in text
    assert "Evidence cited (1)" in text


def test_proposal_without_evidence_is_refused_and_nothing_saved(client_for, reviewer, visit):
    note(visit, reviewer, "A2S1")
    response = client_for(reviewer).post(
        propose_url(visit, "A1S1"), {"level": "2", "rationale": "No evidence"}
    )
    assert response.status_code == 400
    assert "Cite at least one piece of evidence" in response.text
    assert "No evidence is tagged to this strand yet" in response.text
    assert not JudgementProposal.objects.exists()


def test_lead_agrees_strands_findings_and_the_judgements(
    client_for, reviewer, lead_reviewer, visit
):
    lead = client_for(lead_reviewer)
    for code in ("A1S1", "A1S2", "A2S1", "A2S2"):
        evidence = proposed_note(visit, reviewer, code)
        response = lead.post(
            agree_url(visit, code),
            {"level": "1", "rationale": f"Agreed {code}", "evidence": [evidence.pk]},
        )
        assert response.status_code == 302, response.text
    findings = {
        "strengths": "Reading",
        "areas_to_develop": "Writing",
        "priority_strand": strand(visit, "A1S2").pk,
        "improvement_priority": "Writing at KS2",
        "excellence_strand": "",
        "area_of_excellence": "",
    }
    findings_url = reverse("reviews:findings", args=[visit.pk])
    assert lead.post(findings_url, findings).status_code == 302
    response = lead.post(reverse("reviews:agree-judgements", args=[visit.pk]))
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == Review.Status.AGREED
    text = lead.get(page(visit)).text
    assert "The judgements have been agreed. They can no longer be changed." in text
    assert agree_url(visit, "A1S1") not in text and "Writing at KS2" in text
    assert "Close the review" in text


def test_agreeing_too_early_lists_what_is_missing(client_for, lead_reviewer, visit):
    response = client_for(lead_reviewer).post(reverse("reviews:agree-judgements", args=[visit.pk]))
    assert response.status_code == 400
    text = unescape(response.text)
    assert "Agree a judgement for A1S1 Strand 1.1 before agreeing the judgements" in text
    assert "Agree the findings and the improvement priority before agreeing" in text
    visit.refresh_from_db()
    assert visit.status == Review.Status.VISIT


def test_findings_form_needs_a_priority(client_for, lead_reviewer, visit):
    response = client_for(lead_reviewer).post(
        reverse("reviews:findings", args=[visit.pk]), {"strengths": "Reading"}
    )
    assert response.status_code == 400
    assert "Choose the strand of the improvement priority" in response.text
    assert not Findings.objects.exists()


def test_findings_longer_than_20000_characters_are_refused(client_for, lead_reviewer, visit):
    findings = {
        "strengths": "R" * 20001,
        "areas_to_develop": "Writing",
        "priority_strand": strand(visit, "A1S2").pk,
        "improvement_priority": "Writing at KS2",
    }
    response = client_for(lead_reviewer).post(
        reverse("reviews:findings", args=[visit.pk]), findings
    )
    assert response.status_code == 400
    assert "The school's strengths must be 20,000 characters or fewer" in unescape(response.text)
    assert not Findings.objects.exists()


def agreed_review(review, reviewer, lead):
    for code in ("A1S1", "A1S2", "A2S1", "A2S2"):
        evidence = proposed_note(review, reviewer, code)
        agree_judgement(lead, review, strand(review, code), 1, "Agreed", [evidence.pk])
    agree_findings(lead, review, "Reading", "Writing", strand(review, "A1S2"), "Writing")
    review.status = Review.Status.AGREED
    review.save()
    return review


def test_after_agreement_proposals_are_refused(client_for, reviewer, lead_reviewer, visit):
    agreed_review(visit, reviewer, lead_reviewer)
    evidence = visit.evidence.first()
    response = client_for(reviewer).post(
        propose_url(visit, "A1S1"), {"level": "2", "rationale": "Late", "evidence": [evidence.pk]}
    )
    assert response.status_code == 400
    assert "Judgements have been agreed" in response.text
    assert not JudgementProposal.objects.filter(rationale="Late").exists()


def test_close_is_refused_until_the_report_is_final(client_for, reviewer, lead_reviewer, visit):
    agreed_review(visit, reviewer, lead_reviewer)
    close = reverse("reviews:close", args=[visit.pk])
    response = client_for(lead_reviewer).post(close)
    assert response.status_code == 400
    assert "The report must be final before the review closes" in response.text
    Report.objects.create(review=visit, status=Report.Status.FINAL)
    assert client_for(lead_reviewer).post(close).status_code == 302
    visit.refresh_from_db()
    assert visit.status == Review.Status.CLOSED


def test_peers_and_the_school_cannot_agree_or_close(
    client_for, reviewer, school_leader, coordinator, visit
):
    evidence = note(visit, reviewer, "A1S1")
    data = {"level": "1", "rationale": "Mine", "evidence": [evidence.pk]}
    for person in (reviewer, school_leader, coordinator):
        client = client_for(person)
        assert client.post(agree_url(visit, "A1S1"), data).status_code == 403
        assert client.post(reverse("reviews:agree-judgements", args=[visit.pk])).status_code == 403
        assert client.post(reverse("reviews:close", args=[visit.pk])).status_code == 403
    assert client_for(school_leader).post(propose_url(visit, "A1S1"), data).status_code == 403
    assert not Judgement.objects.exists() and not JudgementProposal.objects.exists()
    assert client_for(school_leader).get(page(visit)).status_code == 200


def test_outsiders_get_not_found_and_anonymous_must_sign_in(client_for, outsider, governor, visit):
    for person in (outsider, governor):
        assert client_for(person).get(page(visit)).status_code == 404
        assert client_for(person).post(propose_url(visit, "A1S1")).status_code == 404
    response = client_for(None).get(page(visit))
    assert response["Location"].startswith(reverse("accounts:sign-in"))
