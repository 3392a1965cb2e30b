"""I1: the improvement workshop. Once a review's judgements and priority are agreed, the cluster
coordinator schedules the workshop and invites the people connected to the review; afterwards
whoever builds the plan records who came, how the priority was scrutinised, and notes.

A workshop is held on a school working day (in term time, not a weekend or bank holiday), and
can be moved until it is recorded."""

from collections.abc import Collection
from datetime import date, time
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import Q

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.calendars.services import invitation_for
from collegium.improvement.models import Workshop
from collegium.improvement.selectors.calendar import workshop_entry
from collegium.links import site_link
from collegium.notifications.models import Notification
from collegium.notifications.services import notify
from collegium.people.models import Role, RoleGrant
from collegium.reviews.models import Findings, Review
from collegium.reviews.services.status import lock_review
from collegium.termdates.calendar import not_in_term
from collegium.words import lower_first

WORKSHOP_FIELDS = [
    "held_on",
    "starts_at",
    "ends_at",
    "location",
    "other_attendees",
    "scrutiny",
    "notes",
]
SCHEDULE_FIELDS = ["held_on", "starts_at", "ends_at", "location", "other_attendees"]
READY = {Review.Status.AGREED, Review.Status.CLOSED}
DEFAULT_START, DEFAULT_END = time(15, 30), time(17, 0)


def findings_of(review: Review) -> Findings | None:
    try:
        return review.findings
    except ObjectDoesNotExist:
        return None


def not_ready_reason(review: Review) -> str:
    """Why the review cannot have a workshop or plan yet, or "" when it can."""
    if review.status == Review.Status.CANCELLED:
        return "The review was cancelled, so there is no priority to act on"
    if review.status not in READY:
        return (
            "The workshop and action plan come after the review team has agreed the "
            "judgements and the improvement priority"
        )
    if findings_of(review) is None:
        return "The review team has not recorded an agreed improvement priority"
    return ""


def check_ready(review: Review) -> Findings:
    reason = not_ready_reason(review)
    if reason:
        raise ValidationError(reason)
    findings = findings_of(review)
    assert findings is not None
    return findings


def people_connected(review: Review) -> list[User]:
    """Who may be invited: the school's leaders, the review team and the cluster's coordinators."""
    leaders = Q(role_grants__role=Role.SCHOOL_LEADER, role_grants__school_id=review.school_id)
    team = Q(reviewer_profile__team_places__review=review)
    connected = leaders | team
    if review.cluster_id:
        connected |= Q(
            role_grants__role=Role.CLUSTER_COORDINATOR, role_grants__cluster_id=review.cluster_id
        )
    return list(User.objects.filter(connected, is_active=True).distinct().order_by("full_name"))


def attendee_choices(review: Review) -> list[tuple[int, str]]:
    """The people connected to the review, each named with how they are connected."""
    grants = RoleGrant.objects.filter(
        Q(role=Role.SCHOOL_LEADER, school_id=review.school_id)
        | Q(role=Role.CLUSTER_COORDINATOR, cluster_id=review.cluster_id or 0)
    ).values_list("user_id", "role")
    how = {user_id: lower_first(Role(role).label) for user_id, role in grants}
    choices = []
    for person in people_connected(review):
        place = how.get(person.pk, "review team")
        choices.append((person.pk, f"{person.full_name} ({place})"))
    return choices


def _chosen(review: Review, people: Collection[User], field: str) -> list[User]:
    allowed = {person.pk for person in people_connected(review)}
    if any(person.pk not in allowed for person in people):
        raise ValidationError(
            {field: "Choose people from the school's leaders, the review team and coordinators"}
        )
    return list(people)


def _state(workshop: Workshop) -> dict[str, Any]:
    state = snapshot(workshop, WORKSHOP_FIELDS)
    state["attendees"] = sorted(workshop.attendees.values_list("full_name", flat=True))
    return state


def schedule_workshop(
    actor: User,
    review: Review,
    held_on: date,
    location: str,
    attendees: Collection[User],
    other_attendees: str = "",
    today: date | None = None,
    starts_at: time = DEFAULT_START,
    ends_at: time = DEFAULT_END,
) -> Workshop:
    """Schedule the review's workshop, or move it, and invite each attendee (notify)."""
    today = today or date.today()
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "The end time must be after the start time"})
    if held_on < today:
        raise ValidationError({"held_on": "The date of the workshop must be today or later"})
    outside = not_in_term(held_on, "choose a day in term time")
    if outside:
        raise ValidationError({"held_on": outside})
    with transaction.atomic():
        review = lock_review(review)
        check_ready(review)
        people = _chosen(review, attendees, "attendees")
        # Locked, and only the schedule saved: the workshop may be being recorded meanwhile.
        workshop = Workshop.objects.select_for_update().filter(review=review).first()
        if workshop is not None and workshop.is_recorded:
            raise ValidationError("The workshop has been recorded, so it can no longer be moved")
        before = _state(workshop) if workshop else None
        invited = set(workshop.attendees.all()) if workshop else set()
        was = _when_where(workshop) if workshop else None
        if workshop is None:
            workshop = Workshop(review=review, scheduled_by=actor)
        workshop.held_on, workshop.location = held_on, location.strip()
        workshop.starts_at, workshop.ends_at = starts_at, ends_at
        workshop.other_attendees = other_attendees.strip()
        if before is None:
            workshop.save()
        else:
            workshop.save(update_fields=SCHEDULE_FIELDS)
        workshop.attendees.set(people)
        verb = verbs.WORKSHOP_MOVED if before else verbs.WORKSHOP_SCHEDULED
        record_change(actor, verb, workshop, before, _state(workshop))
        moved = was is not None and was != _when_where(workshop)
        # Everyone hears of a move; otherwise only those newly invited. Told inside the
        # transaction, so a change rolled back tells nobody; the emails go once it commits.
        invite(workshop, people if moved else [p for p in people if p not in invited], moved)
        uninvite(workshop, [p for p in invited if p not in people])
    return workshop


def _when_where(workshop: Workshop) -> tuple[Any, ...]:
    return (workshop.held_on, workshop.starts_at, workshop.ends_at, workshop.location)


def _context(workshop: Workshop) -> dict[str, Any]:
    findings = findings_of(workshop.review)
    return {
        "workshop": workshop,
        "school": workshop.review.school.name,
        "priority": findings.improvement_priority if findings else "",
    }


def uninvite(workshop: Workshop, people: list[User]) -> list[Notification]:
    """Tell each person they are no longer invited, with the workshop's cancellation."""
    removed = [person for person in people if person.is_active]
    if not removed:
        return []
    school = workshop.review.school.name
    return notify(
        removed,
        "workshop-uninvited",
        subject=f"No longer invited: improvement workshop for {school}",
        context=_context(workshop),
        link=site_link("improvement:review", workshop.review_id),
        # The same event, cancelled: a calendar that took the invitation removes it.
        calendar=invitation_for(workshop_entry(workshop), cancelled=True),
        calendar_method="CANCEL",
    )


def invite(workshop: Workshop, people: list[User], moved: bool = False) -> list[Notification]:
    """Invite each person (or tell them the workshop moved), with the workshop as iCalendar:
    emailed once the change commits, or in their daily digest. Their notifications."""
    invited = [person for person in people if person.is_active]
    if not invited:
        return []
    subject = (
        f"Improvement workshop for {workshop.review.school.name} on {workshop.held_on:%-d %B %Y}"
    )
    return notify(
        invited,
        "workshop-moved" if moved else "workshop-invited",
        subject=f"Moved: {subject}" if moved else subject,
        context=_context(workshop),
        link=site_link("improvement:review", workshop.review_id),
        # Same UID each time; a move raises SEQUENCE, so calendars update the event they hold.
        calendar=invitation_for(workshop_entry(workshop)),
    )


def with_email(people: Collection[User]) -> list[User]:
    """The people who can be emailed (active, with an address): the others are told only in
    Collegium."""
    return [person for person in people if person.email and person.is_active]


def record_workshop(
    actor: User,
    workshop: Workshop,
    attended: Collection[User],
    other_attendees: str,
    scrutiny: str,
    notes: str,
    today: date | None = None,
) -> Workshop:
    """Record the workshop once it has taken place: who came, the scrutiny, and notes."""
    today = today or date.today()
    scrutiny = scrutiny.strip()
    if not scrutiny:
        raise ValidationError({"scrutiny": "Enter how the workshop scrutinised the priority"})
    with transaction.atomic():
        workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
        if workshop.held_on > today:
            raise ValidationError(
                f"You can record the workshop once it has taken place, on "
                f"{workshop.held_on:%-d %B %Y} or later"
            )
        people = _chosen(workshop.review, attended, "attended")
        before = _state(workshop)
        workshop.other_attendees = other_attendees.strip()
        workshop.scrutiny, workshop.notes = scrutiny, notes.strip()
        workshop.save(update_fields=["other_attendees", "scrutiny", "notes"])
        workshop.attendees.set(people)
        record_change(actor, verbs.WORKSHOP_RECORDED, workshop, before, _state(workshop))
    return workshop
