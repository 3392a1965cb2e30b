"""Changes of state in calibration exercises (Q2): a pack goes draft → open → closed
(TRANSITIONS); items change only in draft; reviewers grade once, while the pack is open."""

from collections.abc import Iterable
from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.calendars.services import invitation_for
from collegium.calibration.calendar import session_entry
from collegium.calibration.models import CalibrationPack, Grade, Invitation, PackItem
from collegium.frameworks.levels import scale_labels, strand_levels
from collegium.frameworks.models import FrameworkVersion, Strand
from collegium.links import site_link
from collegium.notifications.services import notify
from collegium.people.models import ReviewerProfile

Status = CalibrationPack.Status
TRANSITIONS: dict[str, set[str]] = {
    Status.DRAFT: {Status.OPEN},
    Status.OPEN: {Status.CLOSED},
    Status.CLOSED: set(),
}
REFUSALS: dict[str, str] = {
    Status.DRAFT: "Open the exercise before closing it",
    Status.OPEN: "This exercise is already open",
    Status.CLOSED: "This exercise has closed",
}
VERBS: dict[str, str] = {
    Status.OPEN: verbs.CALIBRATION_OPENED,
    Status.CLOSED: verbs.CALIBRATION_CLOSED,
}
INVITABLE = {Status.DRAFT, Status.OPEN}
SESSION_FIELDS = ["session_on", "session_starts_at", "session_ends_at", "session_place"]


def _move(actor: User, pack: CalibrationPack, to: str) -> CalibrationPack:
    locked = CalibrationPack.objects.select_for_update().get(pk=pack.pk)
    if to not in TRANSITIONS[locked.status]:
        raise ValidationError(REFUSALS[locked.status])
    before = snapshot(locked, ["status"])
    locked.status = to
    locked.save(update_fields=["status"])
    record_change(actor, VERBS[to], locked, before, {"status": to})
    return locked


def create_pack(actor: User, version: FrameworkVersion, title: str) -> CalibrationPack:
    if not version.is_published:
        raise ValidationError("Choose a published framework")
    if not version.is_graded:
        raise ValidationError(
            f"{version.framework.name} has no levels, so it cannot be used for calibration"
        )
    if not title.strip():
        raise ValidationError("Enter a title for the exercise")
    with transaction.atomic():
        pack = CalibrationPack.objects.create(
            framework_version=version, title=title.strip(), created_by=actor
        )
        record_change(actor, verbs.CALIBRATION_CREATED, pack, None, snapshot(pack))
    return pack


def _check_item(pack: CalibrationPack, strand: Strand, evidence: str, level: int | None) -> None:
    if pack.status != Status.DRAFT:
        raise ValidationError("Items can only be changed while the exercise is a draft")
    if strand.area.version_id != pack.framework_version_id:
        raise ValidationError("Choose a strand of the exercise's framework")
    if not evidence.strip():
        raise ValidationError("Enter the anonymised evidence")
    labels = scale_labels(pack.framework_version)
    if level is not None and level not in strand_levels(strand, labels):
        raise ValidationError(f"Choose a reference level on the scale of {strand.code}")


def add_item(
    actor: User, pack: CalibrationPack, strand: Strand, evidence: str, level: int | None
) -> PackItem:
    with transaction.atomic():
        locked = CalibrationPack.objects.select_for_update().get(pk=pack.pk)
        _check_item(locked, strand, evidence, level)
        item = PackItem.objects.create(
            pack=locked, strand=strand, evidence=evidence.strip(), reference_level=level
        )
        record_change(actor, verbs.CALIBRATION_ITEM_ADDED, item, None, snapshot(item))
    return item


def change_item(
    actor: User, item: PackItem, strand: Strand, evidence: str, level: int | None
) -> PackItem:
    with transaction.atomic():
        locked = CalibrationPack.objects.select_for_update().get(pk=item.pack_id)
        _check_item(locked, strand, evidence, level)
        found = PackItem.objects.get(pk=item.pk)
        before = snapshot(found)
        found.strand, found.evidence, found.reference_level = strand, evidence.strip(), level
        found.save()
        record_change(actor, verbs.CALIBRATION_ITEM_CHANGED, found, before, snapshot(found))
    return found


def remove_item(actor: User, item: PackItem) -> None:
    with transaction.atomic():
        locked = CalibrationPack.objects.select_for_update().get(pk=item.pack_id)
        if locked.status != Status.DRAFT:
            raise ValidationError("Items can only be changed while the exercise is a draft")
        before = snapshot(item)
        record_change(actor, verbs.CALIBRATION_ITEM_REMOVED, item, before, None)
        item.delete()


def open_pack(actor: User, pack: CalibrationPack) -> CalibrationPack:
    with transaction.atomic():
        items = PackItem.objects.filter(pack=pack)
        if not items.exists():
            raise ValidationError("Add at least one item before opening the exercise")
        if items.filter(reference_level__isnull=True).exists():
            raise ValidationError("Give every item a reference level before opening the exercise")
        opened = _move(actor, pack, Status.OPEN)
        tell_invited(list(opened.invitations.select_related("reviewer__user", "pack")))
    return opened


def close_pack(actor: User, pack: CalibrationPack) -> CalibrationPack:
    with transaction.atomic():
        return _move(actor, pack, Status.CLOSED)


def invite(
    actor: User, pack: CalibrationPack, reviewers: Iterable[ReviewerProfile]
) -> list[Invitation]:
    """Invite reviewers who are not yet invited; returns the new invitations."""
    with transaction.atomic():
        locked = CalibrationPack.objects.select_for_update().get(pk=pack.pk)
        if locked.status not in INVITABLE:
            raise ValidationError("This exercise has closed: reviewers can no longer be invited")
        already = set(locked.invitations.values_list("reviewer_id", flat=True))
        made = []
        for profile in reviewers:
            if profile.pk in already:
                continue
            invitation = Invitation.objects.create(pack=locked, reviewer=profile)
            record_change(
                actor, verbs.CALIBRATION_INVITATION_SENT, invitation, None, snapshot(invitation)
            )
            made.append(invitation)
        if locked.status == Status.OPEN:
            tell_invited(made)
    return made


def tell_invited(invitations: list[Invitation]) -> None:
    """Each invited reviewer is asked to grade the open exercise (once the change commits),
    with the session as a calendar invitation when there is one."""
    for invitation in invitations:
        pack = invitation.pack
        notify(
            [invitation.reviewer.user],
            "calibration-opened",
            subject=f"Calibration exercise open: {pack.title}",
            context={"pack": pack},
            link=site_link("calibration:grade", invitation.pk),
            calendar=invitation_for(session_entry(pack)) if pack.has_session else None,
        )


def withdraw_invitation(actor: User, invitation: Invitation) -> None:
    """The reviewer is no longer invited; one who was told hears so, and their calendar
    drops the session."""
    with transaction.atomic():
        locked = CalibrationPack.objects.select_for_update().get(pk=invitation.pack_id)
        found = Invitation.objects.select_related("reviewer__user").filter(pk=invitation.pk).first()
        if found is None:  # withdrawn a moment ago, by a second click or another moderator
            raise ValidationError(f"{invitation.reviewer.user.full_name} is no longer invited")
        name = found.reviewer.user.full_name
        if found.submitted_at is not None:
            raise ValidationError(f"{name} has already submitted grades, so stays invited")
        if locked.status == Status.CLOSED:
            raise ValidationError("This exercise has closed: invitations can no longer change")
        record_change(actor, verbs.CALIBRATION_INVITATION_WITHDRAWN, found, snapshot(found), None)
        found.delete()
        if locked.status == Status.OPEN:
            entry = session_entry(locked) if locked.has_session else None
            notify(
                [found.reviewer.user],
                "calibration-uninvited",
                subject=f"No longer invited: calibration exercise {locked.title}",
                context={"pack": locked},
                link=site_link("calibration:mine"),
                calendar=invitation_for(entry, cancelled=True) if entry else None,
                calendar_method="CANCEL",
            )


def _check_session(
    pack: CalibrationPack,
    session_on: date,
    starts_at: time,
    ends_at: time,
    grades_due_on: date | None,
    today: date,
) -> None:
    """A date already passed is refused only when it is being changed."""
    if pack.status == Status.CLOSED:
        raise ValidationError("This exercise has closed, so its session can no longer change")
    if ends_at <= starts_at:
        raise ValidationError({"session_ends_at": "The end time must be after the start time"})
    if session_on != pack.session_on and session_on < today:
        raise ValidationError({"session_on": "The date of the session must be today or later"})
    if grades_due_on and grades_due_on != pack.grades_due_on and grades_due_on < today:
        raise ValidationError({"grades_due_on": "The date grades are due must be today or later"})
    if grades_due_on and grades_due_on > session_on:
        raise ValidationError(
            {"grades_due_on": "Grades must be due by the day of the session, which discusses them"}
        )


def set_session(
    actor: User,
    pack: CalibrationPack,
    session_on: date,
    starts_at: time,
    ends_at: time,
    place: str = "",
    grades_due_on: date | None = None,
    today: date | None = None,
) -> CalibrationPack:
    """Set the session (and when grades are due), or change them. Once the exercise is open the
    invited reviewers hear of a new or moved session, with the same calendar event each time."""
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = CalibrationPack.objects.select_for_update().get(pk=pack.pk)
        _check_session(locked, session_on, starts_at, ends_at, grades_due_on, today)
        fields = [*SESSION_FIELDS, "grades_due_on"]
        before = snapshot(locked, fields)
        was = locked.session_when if locked.has_session else ""
        was_place = locked.session_place
        locked.session_on, locked.session_starts_at = session_on, starts_at
        locked.session_ends_at, locked.session_place = ends_at, place.strip()
        locked.grades_due_on = grades_due_on
        locked.save(update_fields=fields)
        after = snapshot(locked, fields)
        record_change(actor, verbs.CALIBRATION_SESSION_SET, locked, before, after)
        moved = bool(was) and (was, was_place) != (locked.session_when, locked.session_place)
        if locked.status == Status.OPEN and (moved or not was):
            _tell_of_session(locked, was if moved else "")
    return locked


def _invited_people(pack: CalibrationPack) -> list[User]:
    return [i.reviewer.user for i in pack.invitations.select_related("reviewer__user")]


def _tell_of_session(pack: CalibrationPack, was: str) -> None:
    """A new session, or a moved one (`was` names when it was): same UID, SEQUENCE raised."""
    notify(
        _invited_people(pack),
        "calibration-session-moved" if was else "calibration-session",
        subject=f"Calibration session {'moved' if was else 'set'}: {pack.title}",
        context={"pack": pack, "was": was},
        link=site_link("calibration:mine"),
        calendar=invitation_for(session_entry(pack)),
    )


def remove_session(actor: User, pack: CalibrationPack) -> CalibrationPack:
    """No session any more: invited reviewers who were told have it cancelled in their
    calendars. When grades are due stays."""
    with transaction.atomic():
        locked = CalibrationPack.objects.select_for_update().get(pk=pack.pk)
        if not locked.has_session:
            raise ValidationError("This exercise has no session to remove")
        if locked.status == Status.CLOSED:
            raise ValidationError("This exercise has closed, so its session can no longer change")
        before = snapshot(locked, SESSION_FIELDS)
        entry = session_entry(locked)
        was = locked.session_when
        locked.session_on = locked.session_starts_at = locked.session_ends_at = None
        locked.session_place = ""
        locked.save(update_fields=SESSION_FIELDS)
        after = snapshot(locked, SESSION_FIELDS)
        record_change(actor, verbs.CALIBRATION_SESSION_REMOVED, locked, before, after)
        if locked.status == Status.OPEN:
            notify(
                _invited_people(locked),
                "calibration-session-cancelled",
                subject=f"Calibration session cancelled: {locked.title}",
                context={"pack": locked, "was": was},
                link=site_link("calibration:mine"),
                calendar=invitation_for(entry, cancelled=True),
                calendar_method="CANCEL",
            )
    return locked


def _check_grades(pack: CalibrationPack, items: list[PackItem], levels: dict[int, int]) -> None:
    labels = scale_labels(pack.framework_version)
    for item in items:
        if levels.get(item.pk) not in strand_levels(item.strand, labels):
            raise ValidationError(f"Choose a level for {item.strand.code}")
    if set(levels) - {item.pk for item in items}:
        raise ValidationError("Grade only the items in this exercise")


def submit_grades(actor: User, invitation: Invitation, levels: dict[int, int]) -> Invitation:
    with transaction.atomic():
        found = Invitation.objects.select_for_update().select_related("pack").get(pk=invitation.pk)
        if found.submitted_at is not None:
            raise ValidationError("You have already submitted your grades")
        if found.pack.status == Status.DRAFT:
            raise ValidationError("This exercise is not open yet")
        if found.pack.status != Status.OPEN:
            raise ValidationError("This exercise has closed")
        items = list(found.pack.items.select_related("strand"))
        _check_grades(found.pack, items, levels)
        before = snapshot(found, ["submitted_at"])
        Grade.objects.bulk_create(
            Grade(invitation=found, item=item, level=levels[item.pk]) for item in items
        )
        found.submitted_at = timezone.now()
        found.save(update_fields=["submitted_at"])
        after = snapshot(found, ["submitted_at"]) | {
            "grades": {str(k): v for k, v in levels.items()}
        }
        record_change(actor, verbs.CALIBRATION_GRADES_SUBMITTED, found, before, after)
    return found
