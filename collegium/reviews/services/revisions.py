"""The one way an agreed judgement changes after the team agreed it: a moderator's adjusted level
(Q1) or the outcome of a complaint (C1). The judgement takes the new level, a JudgementRevision
keeps the old and new levels, who and why, the audit trail records it, and the review's lead and
the school's leaders are told. Callers check who may do it (moderation.manage, complaint.decide)
and hold the transaction; the reports read judgements, so they show the new level at once.
"""

from typing import Any

from django.core.exceptions import ValidationError

from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.emails import email_people
from collegium.links import site_link
from collegium.people.selectors import school_leaders
from collegium.reviews.models import Judgement, JudgementRevision, TeamMember
from collegium.reviews.services.judgements import check_level, level_label

Source = JudgementRevision.Source


def revise_judgement(
    actor: Any, judgement: Judgement, level: int | None, reason: str, source: str
) -> JudgementRevision | None:
    """Give the agreed judgement `level`; None when it already has it (nothing changes)."""
    judgement = (
        Judgement.objects.select_for_update()
        .select_related("review__framework_version__framework", "review__school", "strand")
        .get(pk=judgement.pk)
    )
    review = judgement.review
    check_level(review.framework_version, judgement.strand, level)
    if level == judgement.level:
        return None
    reason = reason.strip()
    if not reason:
        raise ValidationError(f"Explain why the judgement of {judgement.strand} changes")
    before = snapshot(judgement, ["level"])
    revision = JudgementRevision.objects.create(
        judgement=judgement,
        source=source,
        old_level=judgement.level,
        new_level=level,
        reason=reason,
        changed_by=actor,
    )
    judgement.level = level
    judgement.save(update_fields=["level"])
    after = snapshot(judgement, ["level"]) | {"source": source, "reason": reason}
    record_change(actor, verbs.JUDGEMENT_REVISED, judgement, before, after)
    _tell(judgement, revision)
    return revision


def _tell(judgement: Judgement, revision: JudgementRevision) -> None:
    review = judgement.review
    version = review.framework_version
    leads = TeamMember.objects.filter(review=review, role=TeamMember.Role.LEAD)
    people = [*school_leaders(review.school_id), *(m.reviewer.user for m in leads)]
    old = level_label(version, judgement.strand, revision.old_level) or "no level"
    new = level_label(version, judgement.strand, revision.new_level) or "no level"
    body = (
        f"The agreed judgement of {judgement.strand} in the {review} has changed "
        f"through {revision.get_source_display().lower()}.\n\n"
        f"Before: {old}\nNow: {new}\nWhy: {revision.reason}\n\n"
        f"The review's judgements: {site_link('reviews:judgements', review.pk)}\n\nCollegium"
    )
    email_people(people, f"Judgement changed: {review.school.name}, {judgement.strand}", body)
