"""R6 judgement services: proposals cite evidence and keep their history, levels follow the
framework, the lead agrees each strand, the findings with one priority, then the whole."""

import pytest
from django.core.exceptions import ValidationError

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.frameworks.models import Area, Framework, FrameworkVersion, Strand, StrandMapping
from collegium.reviews.models import Findings, Judgement, JudgementProposal, Review
from collegium.reviews.services.evidence import record_evidence
from collegium.reviews.services.judgements import (
    agree_findings,
    agree_judgement,
    agree_judgements,
    propose_judgement,
)


@pytest.fixture
def visit(review):
    review.status = Review.Status.VISIT
    review.save()
    return review


def place(review, user):
    return review.team.get(reviewer__user=user)


def strand(review, code):
    return Strand.objects.get(area__version=review.framework_version, code=code)


def note(review, user, *codes):
    ids = [strand(review, code).pk for code in codes]
    return record_evidence(user, review, place(review, user), f"Seen on {codes}", ids)


def propose(review, user, code, level, notes, rationale="Strong reading culture"):
    return propose_judgement(
        user,
        review,
        place(review, user),
        strand(review, code),
        level,
        rationale,
        [n.pk for n in notes],
    )


def proposed_note(review, peer, code, level=1):
    """A peer's note on the strand and their proposal citing it, as agreement needs."""
    evidence = note(review, peer, code)
    propose(review, peer, code, level, [evidence])
    return evidence


def test_each_proposal_is_a_new_row_so_history_is_kept(visit, reviewer):
    evidence = note(visit, reviewer, "A1S1")
    propose(visit, reviewer, "A1S1", 2, [evidence])
    propose(visit, reviewer, "A1S1", 1, [evidence], "On reflection, leading")
    levels = list(JudgementProposal.objects.values_list("level", flat=True).order_by("created_at"))
    assert levels == [2, 1]
    assert AuditEvent.objects.filter(action=verbs.JUDGEMENT_PROPOSED).count() == 2


def test_proposal_must_cite_evidence_for_the_strand(visit, reviewer):
    elsewhere = note(visit, reviewer, "A2S1")
    with pytest.raises(ValidationError, match="Cite at least one piece of evidence for A1S1"):
        propose(visit, reviewer, "A1S1", 2, [elsewhere])
    with pytest.raises(ValidationError, match="Cite at least one piece of evidence for A1S1"):
        propose(visit, reviewer, "A1S1", 2, [])
    assert not JudgementProposal.objects.exists()


def test_evidence_mapped_to_the_strand_counts(visit, reviewer):
    StrandMapping.objects.create(from_strand=strand(visit, "A2S1"), to_strand=strand(visit, "A1S1"))
    mapped = note(visit, reviewer, "A2S1")
    proposal = propose(visit, reviewer, "A1S1", 2, [mapped])
    assert list(proposal.evidence.all()) == [mapped]


def test_evidence_of_another_review_is_refused(visit, reviewer, school_b, framework_version):
    other = Review.objects.create(
        school=school_b,
        kind="qa",
        framework_version=framework_version,
        start_date=visit.start_date,
        days=1,
        status=Review.Status.VISIT,
    )
    other.team.create(reviewer=reviewer.reviewer_profile, role="peer")
    foreign = note(other, reviewer, "A1S1")
    with pytest.raises(ValidationError, match="Choose evidence recorded on this review"):
        propose(visit, reviewer, "A1S1", 2, [foreign])


@pytest.mark.parametrize("level", [None, 0, 5])
def test_level_must_be_on_the_scale(visit, reviewer, level):
    evidence = note(visit, reviewer, "A1S1")
    with pytest.raises(ValidationError, match="Choose a level for A1S1"):
        propose(visit, reviewer, "A1S1", level, [evidence])


def test_met_or_not_met_strand_takes_met_or_not_met(visit, reviewer):
    evidence = note(visit, reviewer, "A2S2")
    with pytest.raises(ValidationError, match="Choose met or not met for A2S2"):
        propose(visit, reviewer, "A2S2", 3, [evidence])
    assert propose(visit, reviewer, "A2S2", 2, [evidence]).level == 2


def test_ungraded_framework_takes_no_level(visit, reviewer):
    enquiry = FrameworkVersion.objects.create(
        framework=Framework.objects.create(slug="enquiry", name="Enquiry"),
        number=1,
        status=FrameworkVersion.Status.PUBLISHED,
    )
    area = Area.objects.create(version=enquiry, position=1, code="I", title="Our impact")
    Strand.objects.create(area=area, position=1, code="I1", title="Impact on pupils")
    visit.framework_version = enquiry
    visit.save()
    evidence = note(visit, reviewer, "I1")
    with pytest.raises(ValidationError, match="Enquiry has no levels"):
        propose(visit, reviewer, "I1", 2, [evidence])
    assert propose(visit, reviewer, "I1", None, [evidence]).level is None


def test_rationale_is_required(visit, reviewer):
    evidence = note(visit, reviewer, "A1S1")
    with pytest.raises(ValidationError, match="Enter the rationale"):
        propose(visit, reviewer, "A1S1", 2, [evidence], rationale="  ")


def test_proposals_are_refused_after_agreement(visit, reviewer):
    evidence = note(visit, reviewer, "A1S1")
    visit.status = Review.Status.AGREED
    visit.save()
    with pytest.raises(ValidationError, match="Judgements have been agreed"):
        propose(visit, reviewer, "A1S1", 2, [evidence])


def test_lead_agrees_a_judgement_and_a_second_agreement_replaces_it(visit, reviewer, lead_reviewer):
    evidence = proposed_note(visit, reviewer, "A1S1")
    a1s1 = strand(visit, "A1S1")
    agree_judgement(lead_reviewer, visit, a1s1, 2, "Effective", [evidence.pk])
    agree_judgement(lead_reviewer, visit, a1s1, 1, "Leading after discussion", [evidence.pk])
    judgement = Judgement.objects.get(review=visit, strand=a1s1)
    assert (judgement.level, judgement.agreed_by) == (1, lead_reviewer)
    first, second = AuditEvent.objects.filter(action=verbs.JUDGEMENT_AGREED).order_by("pk")
    assert first.before is None
    before, after = second.before or {}, second.after or {}
    assert before["level"] == 2 and after["level"] == 1
    assert after["evidence"] == [evidence.pk]


def test_only_the_lead_agrees(visit, reviewer):
    evidence = note(visit, reviewer, "A1S1")
    with pytest.raises(ValidationError, match="Only the review's lead reviewer"):
        agree_judgement(reviewer, visit, strand(visit, "A1S1"), 2, "Mine", [evidence.pk])
    assert not Judgement.objects.exists()


def findings(review, lead, **changes):
    values = dict(
        strengths="Reading",
        areas_to_develop="Writing",
        priority_strand=strand(review, "A1S2"),
        improvement_priority="Writing in key stage 2",
    )
    return agree_findings(lead, review, **(values | changes))


def test_findings_have_exactly_one_priority_and_an_optional_excellence(visit, lead_reviewer):
    first = findings(visit, lead_reviewer)
    second = findings(
        visit, lead_reviewer, excellence_strand=strand(visit, "A1S1"), area_of_excellence="Phonics"
    )
    assert first.pk == second.pk and Findings.objects.count() == 1
    assert second.area_of_excellence == "Phonics"
    event = AuditEvent.objects.filter(action=verbs.FINDINGS_AGREED).latest("pk")
    assert (event.before or {})["excellence_strand_id"] is None


def test_findings_refusals(visit, lead_reviewer, reviewer):
    with pytest.raises(ValidationError, match="Enter the improvement priority"):
        findings(visit, lead_reviewer, improvement_priority=" ")
    with pytest.raises(ValidationError, match="area of excellence and describe it"):
        findings(visit, lead_reviewer, area_of_excellence="Phonics")
    with pytest.raises(ValidationError, match="Only the review's lead reviewer"):
        findings(visit, reviewer)
    assert not Findings.objects.exists()


def agree_everything(review, reviewer, lead):
    for code in ("A1S1", "A1S2", "A2S1", "A2S2"):
        evidence = proposed_note(review, reviewer, code)
        agree_judgement(lead, review, strand(review, code), 1, "Agreed", [evidence.pk])


def test_agreeing_the_judgements_needs_every_strand_and_the_findings(
    visit, reviewer, lead_reviewer
):
    evidence = proposed_note(visit, reviewer, "A1S1")
    agree_judgement(lead_reviewer, visit, strand(visit, "A1S1"), 2, "Agreed", [evidence.pk])
    with pytest.raises(ValidationError) as raised:
        agree_judgements(lead_reviewer, visit)
    assert raised.value.messages == [
        "Agree a judgement for A1S2 Strand 1.2 before agreeing the judgements",
        "Agree a judgement for A2S1 Strand 2.1 before agreeing the judgements",
        "Agree a judgement for A2S2 Strand 2.2 before agreeing the judgements",
        "Agree the findings and the improvement priority before agreeing the judgements",
    ]
    visit.refresh_from_db()
    assert visit.status == Review.Status.VISIT


def test_agreeing_moves_the_review_to_agreed(visit, reviewer, lead_reviewer):
    agree_everything(visit, reviewer, lead_reviewer)
    findings(visit, lead_reviewer)
    agree_judgements(lead_reviewer, visit)
    visit.refresh_from_db()
    assert visit.status == Review.Status.AGREED
    assert AuditEvent.objects.filter(action=verbs.JUDGEMENTS_AGREED).exists()
    with pytest.raises(ValidationError, match="Judgements have been agreed"):
        findings(visit, lead_reviewer, strengths="Changed later")
    with pytest.raises(ValidationError, match="Judgements have been agreed"):
        agree_judgements(lead_reviewer, visit)


def test_a_strand_no_peer_proposed_is_refused_without_a_reason(visit, reviewer, lead_reviewer):
    evidence = note(visit, reviewer, "A1S1")
    propose(visit, lead_reviewer, "A1S1", 2, [evidence])  # the lead's own proposal is no peer's
    with pytest.raises(ValidationError) as refused:
        agree_judgement(lead_reviewer, visit, strand(visit, "A1S1"), 2, "Agreed", [evidence.pk])
    assert refused.value.messages == [
        "No other member of the team has proposed a level for A1S1 Strand 1.1: ask a peer "
        "reviewer to propose one, or record why you are agreeing it without a peer's proposal"
    ]
    with pytest.raises(ValidationError, match="No other member of the team has proposed"):
        agree_judgement(
            lead_reviewer, visit, strand(visit, "A1S1"), 2, "Agreed", [evidence.pk], "   "
        )
    assert not Judgement.objects.exists()
    assert not AuditEvent.objects.filter(action=verbs.JUDGEMENT_AGREED).exists()


def test_the_lead_records_why_no_peer_proposed(visit, reviewer, lead_reviewer):
    evidence = note(visit, reviewer, "A1S1")
    reason = "Rhys was ill on the day of the team meeting"
    judgement = agree_judgement(
        lead_reviewer, visit, strand(visit, "A1S1"), 2, "Agreed", [evidence.pk], f" {reason} "
    )
    assert judgement.no_peer_reason == reason
    event = AuditEvent.objects.get(action=verbs.JUDGEMENT_AGREED)
    assert (event.after or {})["no_peer_reason"] == reason


def test_a_reason_is_not_kept_once_a_peer_proposed(visit, reviewer, lead_reviewer):
    evidence = proposed_note(visit, reviewer, "A1S1", level=2)
    judgement = agree_judgement(
        lead_reviewer, visit, strand(visit, "A1S1"), 2, "Agreed", [evidence.pk], "Not needed"
    )
    assert judgement.no_peer_reason == ""


def test_agreeing_the_whole_needs_a_peer_proposal_or_a_reason_for_every_strand(
    visit, reviewer, lead_reviewer
):
    agree_everything(visit, reviewer, lead_reviewer)
    findings(visit, lead_reviewer)
    # As a judgement agreed before the rule: neither a peer's proposal nor a reason.
    JudgementProposal.objects.filter(strand=strand(visit, "A1S1")).delete()
    with pytest.raises(ValidationError) as refused:
        agree_judgements(lead_reviewer, visit)
    assert refused.value.messages == [
        "Record why A1S1 Strand 1.1 is agreed without a peer's proposal, or ask a peer reviewer "
        "to propose a level for it before agreeing the judgements"
    ]
    visit.refresh_from_db()
    assert visit.status == Review.Status.VISIT
