"""Changes of state in moderation: the network's settings, and a review's moderation strand by
strand, in progress → completed (TRANSITIONS)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from collegium import access
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.frameworks.models import Strand
from collegium.quality.models import Moderation, NetworkModerationSettings, StrandModeration
from collegium.reviews.models import Judgement, Review

Status = Moderation.Status
TRANSITIONS: dict[str | None, set[str]] = {
    None: {Status.IN_PROGRESS},
    Status.IN_PROGRESS: {Status.COMPLETED},
    Status.COMPLETED: set(),
}
MODERATED_STATUSES = [Review.Status.AGREED, Review.Status.CLOSED]
SETTINGS_FIELDS = ["requires_moderation", "random_share"]


def update_settings(
    actor: Any, requires_moderation: bool, random_share: int
) -> NetworkModerationSettings:
    access.require(actor, "moderation.settings")
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


def _locked_moderation(actor: Any, review: Review) -> Moderation:
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
    actor: Any, review: Review, strand: Strand, level: int | None, rationale: str
) -> StrandModeration:
    """Confirm the agreed level of a strand, or adjust it with a rationale."""
    access.require(actor, "moderation.manage", review)
    judgement = Judgement.objects.filter(review=review, strand=strand).first()
    if judgement is None:
        raise ValidationError(f"The team has not agreed a judgement on {strand.code}.")
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


def complete_moderation(actor: Any, review: Review, feedback: str) -> Moderation:
    access.require(actor, "moderation.manage", review)
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
        before = snapshot(moderation)
        moderation.status = Status.COMPLETED
        moderation.feedback = feedback.strip()
        moderation.completed_at = timezone.now()
        moderation.moderator = actor
        moderation.save()
        record_change(actor, verbs.MODERATION_COMPLETED, moderation, before, snapshot(moderation))
    return moderation
