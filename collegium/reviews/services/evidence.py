"""R4: evidence notes recorded by the review team during the visit.

A note is written only during the visit and changed only by its author, until the judgements
are agreed. Every save raises the note's revision; a save based on an older revision is refused
with the other version shown (EvidenceConflict), so nobody's work is overwritten silently.
"""

from collections.abc import Collection
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.frameworks.models import Strand
from collegium.reviews.models import Activity, EvidenceNote, Review, TeamMember
from collegium.reviews.services.status import lock_review

Status = Review.Status
NOTE_FIELDS = ["text", "revision", "activity_id"]
AGREED = "Judgements have been agreed, so evidence can no longer be changed"
REFUSALS = {
    Status.PLANNING: "Evidence can be recorded once the visit has started",
    Status.AGREED: AGREED,
    Status.CLOSED: AGREED,
    Status.CANCELLED: "The review has been cancelled, so evidence can no longer be changed",
}


class EvidenceConflict(ValidationError):
    """The note changed since the person opened it; carries the version now saved."""

    def __init__(self, note: EvidenceNote) -> None:
        self.note = note
        self.changed_by = note.author.reviewer.user.full_name
        self.changed_at = timezone.localtime(note.updated_at)
        super().__init__(
            f"{self.changed_by} changed this note at {self.changed_at:%H:%M} on "
            f"{self.changed_at:%-d %B %Y}, after you opened it. Their version is: "
            f"“{note.text}”. Your text has not been saved."
        )


def place_of(actor: User, review: Review) -> TeamMember | None:
    """The person's place on the review's team, if they have one."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    return review.team.filter(reviewer__user=actor).select_related("reviewer__user").first()


def require_lead(actor: User, review: Review, doing: str) -> None:
    place = place_of(actor, review)
    if place is None or place.role != TeamMember.Role.LEAD:
        raise ValidationError(f"Only the review's lead reviewer can {doing}")


def check_evidence_open(review: Review) -> None:
    if review.status in REFUSALS:
        raise ValidationError(REFUSALS[Status(review.status)])


def strands_of(review: Review, strand_ids: Collection[int]) -> list[Strand]:
    """The chosen strands, all from the review's framework version."""
    ids = set(strand_ids)
    strands = list(Strand.objects.filter(pk__in=ids, area__version=review.framework_version_id))
    if len(strands) != len(ids):
        raise ValidationError(
            f"Choose strands from this review's framework ({review.framework_version})"
        )
    return strands


def _check_activity(review: Review, activity: Activity | None) -> None:
    if activity is not None and activity.review_id != review.pk:
        raise ValidationError("Choose an activity from this review's timetable")


def _clean_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError("Enter your note")
    return text


def _state(note: EvidenceNote) -> dict[str, Any]:
    state = snapshot(note, NOTE_FIELDS)
    state["strands"] = sorted(note.strands.values_list("code", flat=True))
    return state


def record_evidence(
    actor: User,
    review: Review,
    author_member: TeamMember,
    text: str,
    strand_ids: Collection[int],
    activity: Activity | None = None,
    client_key: str = "",
) -> EvidenceNote:
    """A new note by a member of the team, tagged to strands of the review's framework.

    A second save with the same client key (the form's autosave retried after its answer was
    lost) changes the note the first one made instead of making another."""
    text = _clean_text(text)
    with transaction.atomic():
        review = lock_review(review)
        check_evidence_open(review)
        place = place_of(actor, review)
        if place is None or place.pk != author_member.pk:
            raise ValidationError("You can only record evidence as yourself, on your own team")
        earlier = _note_with_key(review, author_member, client_key)
        if earlier is not None:
            return edit_evidence(actor, earlier, text, strand_ids, earlier.revision, activity)
        strands = strands_of(review, strand_ids)
        _check_activity(review, activity)
        note = EvidenceNote.objects.create(
            review=review, author=author_member, text=text, activity=activity, client_key=client_key
        )
        note.strands.set(strands)
        record_change(actor, verbs.EVIDENCE_RECORDED, note, None, _state(note))
    return note


def _note_with_key(review: Review, author: TeamMember, key: str) -> EvidenceNote | None:
    return review.evidence.filter(author=author, client_key=key).first() if key else None


def edit_evidence(
    actor: User,
    note: EvidenceNote,
    text: str,
    strand_ids: Collection[int],
    base_revision: int,
    activity: Activity | None | str = "unchanged",
) -> EvidenceNote:
    """The author's change to their note, refused if it was changed since `base_revision`.

    `activity` is left as it was unless given (None clears it)."""
    text = _clean_text(text)
    with transaction.atomic():
        review = lock_review(note.review)
        check_evidence_open(review)
        note = EvidenceNote.objects.select_for_update().get(pk=note.pk)
        note.review = review
        place = place_of(actor, review)
        if place is None or place.pk != note.author_id:
            raise ValidationError("You can only change your own notes")
        if base_revision != note.revision:
            raise EvidenceConflict(note)
        strands = strands_of(review, strand_ids)
        chosen = note.activity if isinstance(activity, str) else activity
        _check_activity(review, chosen)
        return _save_changes(actor, note, text, strands, chosen)


def _save_changes(
    actor: User, note: EvidenceNote, text: str, strands: list[Strand], activity: Activity | None
) -> EvidenceNote:
    before = _state(note)
    unchanged = (
        note.text == text
        and set(note.strands.values_list("pk", flat=True)) == {s.pk for s in strands}
        and note.activity_id == (activity.pk if activity else None)
    )
    if unchanged:
        return note
    note.text, note.activity, note.revision = text, activity, note.revision + 1
    note.save(update_fields=["text", "activity", "revision", "updated_at"])
    note.strands.set(strands)
    record_change(actor, verbs.EVIDENCE_CHANGED, note, before, _state(note))
    return note
