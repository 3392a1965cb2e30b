"""Changes of state in moderation: the network's settings, and a review's moderation strand by
strand, in progress → completed (TRANSITIONS). Completing it makes every adjusted level the
agreed judgement (reviews.services.revisions keeps both levels) and tells the lead and the
school's leaders once."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.frameworks.models import Strand
from collegium.links import site_link
from collegium.notifications.services import notify
from collegium.quality.models import Moderation, NetworkModerationSettings, StrandModeration
from collegium.reviews.models import Judgement, JudgementRevision, Review
from collegium.reviews.services.judgements import check_level
from collegium.reviews.services.revisions import change_judgement, describe, people_to_tell

Status = Moderation.Status
TRANSITIONS: dict[str | None, set[str]] = {
    None: {Status.IN_PROGRESS},
    Status.IN_PROGRESS: {Status.COMPLETED},
    Status.COMPLETED: set(),
}
Source = JudgementRevision.Source
MODERATED_STATUSES = [Review.Status.AGREED, Review.Status.CLOSED]
SETTINGS_FIELDS = ["requires_moderation", "random_share"]


def update_settings(
    actor: User, requires_moderation: bool, random_share: int
) -> NetworkModerationSettings:
    if not 0 <= random_share <= 100:
        raise ValidationError("The random share must be a whole number between 0 and 100.")
    with transaction.atomic():
        NetworkModerationSettings.objects.get_or_create(pk=1)
        found = NetworkModerationSettings.objects.select_for_update().get(pk=1)
        before = snapshot(found, SETTINGS_FIELDS)
        found.requires_moderation = requires_moderation
        found.random_share = random_share
        found.updated_by = actor
        found.save()
        after = snapshot(found, SETTINGS_FIELDS)
        if before != after:
            record_change(actor, verbs.MODERATION_SETTINGS_CHANGED, found, before, after)
    return found


def _check(moderation: Moderation | None, to: str) -> None:
    now = moderation.status if moderation is not None else None
    if to not in TRANSITIONS[now]:
        raise ValidationError("This moderation is completed: it can no longer be changed.")


def _locked_moderation(actor: User, review: Review) -> Moderation:
    """The review's moderation, locked for this transaction; started if there is none."""
    if review.status not in MODERATED_STATUSES:
        raise ValidationError("Only a review whose judgements are agreed can be moderated.")
    found = Moderation.objects.select_for_update().filter(review=review).first()
    if found is not None:
        _check(found, Status.COMPLETED)  # still open to change
        return found
    _check(None, Status.IN_PROGRESS)
    started = Moderation.objects.create(review=review, moderator=actor)
    record_change(actor, verbs.MODERATION_STARTED, started, None, snapshot(started))
    return started


def moderate_strand(
    actor: User, review: Review, strand: Strand, level: int | None, rationale: str
) -> StrandModeration:
    """Confirm the agreed level of a strand, or adjust it with a rationale."""
    judgement = Judgement.objects.filter(review=review, strand=strand).first()
    if judgement is None:
        raise ValidationError(f"The team has not agreed a judgement on {strand.code}.")
    check_level(review.framework_version, strand, level)
    rationale = rationale.strip()
    if level != judgement.level and not rationale:
        raise ValidationError(f"Explain why you adjusted the level of {strand.code}.")
    with transaction.atomic():
        moderation = _locked_moderation(actor, review)
        entry, created = StrandModeration.objects.get_or_create(
            moderation=moderation,
            strand=strand,
            defaults={"agreed_level": judgement.level, "level": level, "rationale": rationale},
        )
        before = None if created else snapshot(entry)
        entry.agreed_level, entry.level, entry.rationale = judgement.level, level, rationale
        entry.save()
        if before != snapshot(entry):
            verb = verbs.STRAND_LEVEL_ADJUSTED if entry.adjusted else verbs.STRAND_LEVEL_CONFIRMED
            record_change(actor, verb, moderation, before, snapshot(entry))
    return entry


def unmoderated_strands(moderation: Moderation) -> list[str]:
    agreed = Judgement.objects.filter(review_id=moderation.review_id).values_list(
        "strand__code", flat=True
    )
    done = set(moderation.strands.values_list("strand__code", flat=True))
    return [code for code in agreed if code not in done]


def complete_moderation(actor: User, review: Review, feedback: str) -> Moderation:
    if not feedback.strip():
        raise ValidationError("Enter your feedback to the review team.")
    with transaction.atomic():
        moderation = Moderation.objects.select_for_update().filter(review=review).first()
        if moderation is None:
            raise ValidationError("Confirm or adjust each strand before completing.")
        _check(moderation, Status.COMPLETED)
        missing = unmoderated_strands(moderation)
        if missing:
            raise ValidationError(f"Confirm or adjust {', '.join(missing)} before completing.")
        revisions = _apply_adjusted_levels(actor, moderation)
        before = snapshot(moderation)
        moderation.status = Status.COMPLETED
        moderation.feedback = feedback.strip()
        moderation.completed_at = timezone.now()
        moderation.moderator = actor
        moderation.save()
        record_change(actor, verbs.MODERATION_COMPLETED, moderation, before, snapshot(moderation))
        _tell_completed(review, moderation, revisions)
    return moderation


def _apply_adjusted_levels(actor: User, moderation: Moderation) -> list[JudgementRevision]:
    """Each adjusted level becomes the agreed judgement; refused if a judgement has changed
    since the moderator looked at it (say, after a complaint), so no level is overwritten unseen."""
    judgements = Judgement.objects.select_for_update().filter(review_id=moderation.review_id)
    by_strand = {judgement.strand_id: judgement for judgement in judgements}
    entries = list(moderation.strands.select_related("strand"))
    for entry in entries:
        if by_strand[entry.strand_id].level != entry.agreed_level:
            raise ValidationError(
                f"The agreed level of {entry.strand.code} has changed since it was moderated: "
                "confirm or adjust it again."
            )
    changed = [
        change_judgement(
            actor, by_strand[entry.strand_id], entry.level, entry.rationale, Source.MODERATION
        )
        for entry in entries
        if entry.adjusted
    ]
    return [revision for revision in changed if revision is not None]


def _tell_completed(
    review: Review, moderation: Moderation, revisions: list[JudgementRevision]
) -> None:
    """One email to the lead and the school's leaders, with every change and the feedback."""
    changes = (
        f"The moderator changed these agreed judgements:\n\n{describe(revisions)}"
        if revisions
        else "The moderator confirmed every agreed judgement."
    )
    body = (
        f"The moderation of the {review} is completed.\n\n{changes}\n\n"
        f"The moderator's feedback:\n\n{moderation.feedback}\n\n"
        f"The moderation outcome: {site_link('quality:outcome', review.pk)}\n\nCollegium"
    )
    notify(
        people_to_tell(review),
        "moderation-completed",
        subject=f"Moderation completed: {review.school.name}",
        context={"body": body},
        link=site_link("quality:outcome", review.pk),
    )
