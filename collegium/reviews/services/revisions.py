"""The one way an agreed judgement changes after the team agreed it: a moderator's adjusted level
(Q1) or the outcome of a complaint (C1). The judgement takes the new level, a JudgementRevision
keeps the old and new levels, who and why, the audit trail records it, and the review's lead and
the school's leaders are told. Callers check who may do it (moderation.manage, complaint.decide)
and hold the transaction; the reports read judgements, so they show the new level at once.

`revise_judgement` changes one judgement and tells the people at once. A caller changing several
strands in one decision calls `change_judgement` for each, then tells the people once
(`people_to_tell`, `describe`), as completing a moderation does.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.links import site_link
from collegium.notifications.services import notify
from collegium.people.selectors import school_leaders
from collegium.reviews.models import Judgement, JudgementRevision, Review, TeamMember
from collegium.reviews.services.judgements import check_level, level_label
from collegium.words import lower_first

Source = JudgementRevision.Source


def change_judgement(
    actor: User, judgement: Judgement, level: int | None, reason: str, source: str
) -> JudgementRevision | None:
    """Give the agreed judgement `level` without telling anyone; None when it already has it."""
    judgement = (
        Judgement.objects.select_for_update()
        .select_related("review__framework_version__framework", "review__school", "strand")
        .get(pk=judgement.pk)
    )
    check_level(judgement.review.framework_version, judgement.strand, level)
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
    return revision


def revise_judgement(
    actor: User, judgement: Judgement, level: int | None, reason: str, source: str
) -> JudgementRevision | None:
    """Change one agreed judgement and tell the review's lead and the school's leaders."""
    revision = change_judgement(actor, judgement, level, reason, source)
    if revision is not None:
        _tell(revision)
    return revision


def people_to_tell(review: Review) -> list[User]:
    """Who hears of a change to the review's judgements: its lead and the school's leaders."""
    leads = TeamMember.objects.filter(review=review, role=TeamMember.Role.LEAD)
    return [*school_leaders(review.school_id), *(m.reviewer.user for m in leads)]


def describe(revisions: Iterable[JudgementRevision]) -> str:
    """Each change in an email's words: the strand, the level before and now, and why."""
    return "\n\n".join(_described(revision) for revision in revisions)


def _described(revision: JudgementRevision) -> str:
    judgement = revision.judgement
    version, strand = judgement.review.framework_version, judgement.strand
    old = level_label(version, strand, revision.old_level) or "no level"
    new = level_label(version, strand, revision.new_level) or "no level"
    return f"{strand}\nBefore: {old}\nNow: {new}\nWhy: {revision.reason}"


def _tell(revision: JudgementRevision) -> None:
    judgement = revision.judgement
    review = judgement.review
    body = (
        f"The agreed judgement of {judgement.strand} in the {review} has changed "
        f"through {lower_first(revision.get_source_display())}.\n\n{describe([revision])}\n\n"
        f"The review's judgements: {site_link('reviews:judgements', review.pk)}\n\nCollegium"
    )
    subject = f"Judgement changed: {review.school.name}, {judgement.strand}"
    link = site_link("reviews:judgements", review.pk)
    notify(
        people_to_tell(review),
        "judgement-changed",
        subject=subject,
        context={"body": body},
        link=link,
    )
