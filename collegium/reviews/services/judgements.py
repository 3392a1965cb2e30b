"""R6: reviewers propose a level per strand citing evidence; the lead agrees the judgements,
the findings and exactly one improvement priority, then moves the review to "agreed".

Levels are scale positions (1 = strongest). A strand judged met / not met takes 1 (met) or
2 (not met); on a framework without a scale the rationale is the judgement and the level is None.
"""

from collections.abc import Collection
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.frameworks.levels import scale_labels, strand_levels
from collegium.frameworks.models import FrameworkVersion, Strand
from collegium.frameworks.selectors import crosswalk_targets
from collegium.reviews.models import (
    EvidenceNote,
    Findings,
    Judgement,
    JudgementProposal,
    Review,
    TeamMember,
)
from collegium.reviews.services.evidence import place_of, require_lead
from collegium.reviews.services.status import change_status, lock_review

Status = Review.Status
JUDGING_REFUSALS = {
    Status.PLANNING: "Judgements can be made once the visit has started",
    Status.AGREED: "Judgements have been agreed, so they can no longer be changed",
    Status.CLOSED: "The review has closed, so judgements can no longer be changed",
    Status.CANCELLED: "The review has been cancelled, so judgements cannot be made",
}


def level_choices(version: FrameworkVersion, strand: Strand) -> list[tuple[int, str]]:
    """The levels a strand can be given; empty when the rationale is the judgement."""
    return list(strand_levels(strand, scale_labels(version)).items())


def level_label(version: FrameworkVersion, strand: Strand, level: int | None) -> str:
    return dict(level_choices(version, strand)).get(level, "") if level else ""


def check_level(version: FrameworkVersion, strand: Strand, level: int | None) -> None:
    choices = dict(level_choices(version, strand))
    if not choices and level is not None:
        raise ValidationError(
            f"{version.framework.name} has no levels: write your judgement of "
            f"{strand} in the rationale"
        )
    if choices and level not in choices:
        kind = "met or not met" if strand.met_or_not_met else "a level"
        raise ValidationError(f"Choose {kind} for {strand}")


def check_judging_open(review: Review) -> None:
    if review.status in JUDGING_REFUSALS:
        raise ValidationError(JUDGING_REFUSALS[Status(review.status)])


def bears_on(note_strand_ids: Collection[int], strand: Strand, version: FrameworkVersion) -> bool:
    """Is a note with these strands evidence for `strand`, directly or through the crosswalk?"""
    if strand.pk in note_strand_ids:
        return True
    mapped = crosswalk_targets(note_strand_ids, version)
    return any(target.pk == strand.pk for targets in mapped.values() for target in targets)


def cited_notes(review: Review, strand: Strand, note_ids: Collection[int]) -> list[EvidenceNote]:
    """The cited notes, all of this review, at least one of them bearing on the strand."""
    ids = set(note_ids)
    notes = list(review.evidence.filter(pk__in=ids).prefetch_related("strands"))
    if len(notes) != len(ids):
        raise ValidationError("Choose evidence recorded on this review")
    version = review.framework_version
    if not any(bears_on([s.pk for s in n.strands.all()], strand, version) for n in notes):
        raise ValidationError(f"Cite at least one piece of evidence for {strand}")
    return notes


def _check_judgement(
    review: Review, strand: Strand, level: int | None, rationale: str, note_ids: Collection[int]
) -> tuple[str, list[EvidenceNote]]:
    if strand.area.version_id != review.framework_version_id:
        raise ValidationError(
            f"Choose a strand from this review's framework ({review.framework_version})"
        )
    check_level(review.framework_version, strand, level)
    rationale = rationale.strip()
    if not rationale:
        raise ValidationError(f"Enter the rationale for your judgement of {strand}")
    return rationale, cited_notes(review, strand, note_ids)


def propose_judgement(
    actor: User,
    review: Review,
    member: TeamMember,
    strand: Strand,
    level: int | None,
    rationale: str,
    evidence_note_ids: Collection[int],
) -> JudgementProposal:
    """A reviewer's proposal: always a new row, so earlier proposals stay in the history."""
    with transaction.atomic():
        review = lock_review(review)
        check_judging_open(review)
        place = place_of(actor, review)
        if place is None or place.pk != member.pk:
            raise ValidationError("You can only propose judgements as yourself, on your own team")
        rationale, notes = _check_judgement(review, strand, level, rationale, evidence_note_ids)
        proposal = JudgementProposal.objects.create(
            review=review, strand=strand, proposed_by=member, level=level, rationale=rationale
        )
        proposal.evidence.set(notes)
        after = snapshot(proposal, ["strand_id", "level", "rationale"])
        record_change(actor, verbs.JUDGEMENT_PROPOSED, proposal, None, after | _cited(notes))
    return proposal


def _cited(notes: Collection[EvidenceNote]) -> dict[str, Any]:
    return {"evidence": sorted(note.pk for note in notes)}


def _judgement_state(judgement: Judgement | None) -> dict[str, Any] | None:
    if judgement is None:
        return None
    state = snapshot(judgement, ["strand_id", "level", "rationale", "no_peer_reason"])
    return state | _cited(list(judgement.evidence.all()))


def peer_proposed_strands(review: Review) -> set[int]:
    """The strands that a member of the team other than the lead has proposed a level for."""
    proposals = review.proposals.exclude(proposed_by__role=TeamMember.Role.LEAD).order_by()
    return set(proposals.values_list("strand_id", flat=True))


def _no_peer_reason(review: Review, strand: Strand, reason: str) -> str:
    """The lead's reason for agreeing a strand no peer proposed; none is kept when one did."""
    peers = review.proposals.filter(strand=strand).exclude(proposed_by__role=TeamMember.Role.LEAD)
    if peers.exists():
        return ""
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            f"No other member of the team has proposed a level for {strand}: ask a peer reviewer "
            "to propose one, or record why you are agreeing it without a peer's proposal"
        )
    return reason


def agree_judgement(
    actor: User,
    review: Review,
    strand: Strand,
    level: int | None,
    rationale: str,
    evidence_note_ids: Collection[int],
    no_peer_reason: str = "",
) -> Judgement:
    """The lead's agreed judgement of a strand, replacing an earlier agreed one. A strand no
    other member of the team proposed a level for needs the lead's reason (R6)."""
    with transaction.atomic():
        review = lock_review(review)
        require_lead(actor, review, "agree judgements")
        check_judging_open(review)
        rationale, notes = _check_judgement(review, strand, level, rationale, evidence_note_ids)
        reason = _no_peer_reason(review, strand, no_peer_reason)
        existing = Judgement.objects.filter(review=review, strand=strand).first()
        before = _judgement_state(existing)
        values = {"level": level, "rationale": rationale, "no_peer_reason": reason}
        judgement, _ = Judgement.objects.update_or_create(
            review=review, strand=strand, defaults=values | {"agreed_by": actor}
        )
        judgement.evidence.set(notes)
        record_change(actor, verbs.JUDGEMENT_AGREED, judgement, before, _judgement_state(judgement))
    return judgement


FINDINGS_FIELDS = [
    "strengths",
    "areas_to_develop",
    "priority_strand_id",
    "improvement_priority",
    "excellence_strand_id",
    "area_of_excellence",
]


def _check_findings(review: Review, texts: dict[str, str], strands: list[Strand | None]) -> None:
    missing = {
        "strengths": "Enter the school's strengths",
        "areas_to_develop": "Enter the areas to develop",
        "improvement_priority": "Enter the improvement priority",
    }
    for name, message in missing.items():
        if not texts[name]:
            raise ValidationError(message)
    version = review.framework_version_id
    if any(s is not None and s.area.version_id != version for s in strands):
        raise ValidationError(
            f"Choose strands from this review's framework ({review.framework_version})"
        )
    if (strands[1] is None) != (not texts["area_of_excellence"]):
        raise ValidationError(
            "Choose the strand of the area of excellence and describe it, or leave both empty"
        )


def agree_findings(
    actor: User,
    review: Review,
    strengths: str,
    areas_to_develop: str,
    priority_strand: Strand,
    improvement_priority: str,
    excellence_strand: Strand | None = None,
    area_of_excellence: str = "",
) -> Findings:
    """Strengths, areas to develop, an optional area of excellence and exactly one priority."""
    texts = {
        "strengths": strengths.strip(),
        "areas_to_develop": areas_to_develop.strip(),
        "improvement_priority": improvement_priority.strip(),
        "area_of_excellence": area_of_excellence.strip(),
    }
    with transaction.atomic():
        review = lock_review(review)
        require_lead(actor, review, "agree the findings")
        check_judging_open(review)
        _check_findings(review, texts, [priority_strand, excellence_strand])
        existing = Findings.objects.filter(review=review).first()
        before = snapshot(existing, FINDINGS_FIELDS) if existing else None
        values = texts | {
            "priority_strand": priority_strand,
            "excellence_strand": excellence_strand,
            "agreed_by": actor,
        }
        findings, _ = Findings.objects.update_or_create(review=review, defaults=values)
        after = snapshot(findings, FINDINGS_FIELDS)
        record_change(actor, verbs.FINDINGS_AGREED, findings, before, after)
    return findings


def missing_for_agreement(review: Review) -> list[str]:
    """What the team still has to agree before the judgements can be agreed, in words."""
    judged = dict(review.judgements.values_list("strand_id", "no_peer_reason"))
    peer_proposed = peer_proposed_strands(review)
    missing = []
    for strand in Strand.objects.filter(area__version=review.framework_version_id):
        if strand.pk not in judged:
            missing.append(f"Agree a judgement for {strand}")
        elif strand.pk not in peer_proposed and not judged[strand.pk]:
            missing.append(
                f"Record why {strand} is agreed without a peer's proposal, or ask a peer "
                "reviewer to propose a level for it"
            )
    if not Findings.objects.filter(review=review).exists():
        missing.append("Agree the findings and the improvement priority")
    return missing


def agree_judgements(actor: User, review: Review) -> Review:
    """The team meeting's end: every strand judged and the findings agreed; visit → agreed."""
    with transaction.atomic():
        review = lock_review(review)
        require_lead(actor, review, "agree the judgements")
        check_judging_open(review)
        missing = missing_for_agreement(review)
        if missing:
            raise ValidationError([f"{item} before agreeing the judgements" for item in missing])
        return change_status(actor, review, Status.AGREED)
