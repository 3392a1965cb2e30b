"""Reviewers' consent to the places an accepted run gives them (issue 21).

Accepting a run holds each place (a team place, so no other run or hand change takes it) and
asks its reviewer to confirm within PLACE_CONFIRM_DAYS school working days. A request moves
asked → confirmed, declined or timed out; a decline or a timeout frees the place and asks the
run's next backup (backups.py) who can still take it, or, if none can, leaves the place empty
with the reason. The home head's approval of days is unchanged: the place counts against the
days they approved, and they may still withdraw them.

The coordinator may still change the team by hand (reviews' team page): a request whose member
was removed or replaced, or whose review was cancelled, is closed, so it can no longer be
confirmed or declined, and when it times out nobody is asked in its place. After its due date a
request cannot be answered either, even before the daily task times it out. When a decline or
a timeout cannot free the place (the reviewer is named on timetable activities, say), the answer
is recorded anyway and the place is left to the coordinator, whose home page asks them to change
the team (todos.py). The coordinator is also told of each decline or timeout (notices.py).
"""

import logging
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from collegium.accounts.models import User
from collegium.allocations import notices
from collegium.allocations.models import AllocationRun, Backup, PlaceRequest
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.calendars.services import invitation_for
from collegium.links import site_link
from collegium.notifications.services import notify
from collegium.people.dates import today as local_today
from collegium.people.models import ReviewerProfile, Role, RoleGrant
from collegium.reviews.calendar import visit_entry
from collegium.reviews.models import Review, TeamMember
from collegium.reviews.services.planning_types import review_dates
from collegium.reviews.services.team import add_team_member, remove_team_member, set_locked
from collegium.termdates.calendar import add_school_working_days
from collegium.words import lower_first

logger = logging.getLogger(__name__)
Status = PlaceRequest.Status
FIELDS = ["status", "due", "reason", "unfilled_reason"]
TRANSITIONS: dict[str, set[str]] = {
    Status.ASKED: {Status.CONFIRMED, Status.DECLINED, Status.TIMED_OUT},
    Status.CONFIRMED: set(),
    Status.DECLINED: set(),
    Status.TIMED_OUT: set(),
}
GONE = "This place is no longer yours: the coordinator changed the team"
GONE_WITH_REVIEW = "This place is no longer yours: the review was cancelled"
REFUSED: dict[str, str] = {
    Status.CONFIRMED: "you have already confirmed it",
    Status.DECLINED: "you have already declined it",
    Status.TIMED_OUT: "the time to answer ended, so it was offered to someone else",
}


def due_date(review: Review, today: date | None = None) -> date:
    """PLACE_CONFIRM_DAYS school working days ahead, but never later than the day before the
    review starts (nor before today)."""
    today = today or local_today()
    due = add_school_working_days(today, settings.PLACE_CONFIRM_DAYS)
    return max(today, min(due, review.start_date - timedelta(days=1)))


def ask(actor: Any, run: AllocationRun, member: TeamMember, backup: bool = False) -> PlaceRequest:
    """Record that the member of a new team place is asked to confirm it (inside the caller's
    transaction; the email goes once it commits)."""
    request = PlaceRequest.objects.create(
        run=run,
        review=member.review,
        reviewer=member.reviewer,
        role=member.role,
        member=member,
        is_backup=backup,
        due=due_date(member.review),
    )
    record_change(actor, verbs.PLACE_REQUEST_SENT, request, None, snapshot(request, FIELDS))
    return request


def _locked(request: PlaceRequest, to: str, action: str) -> PlaceRequest:
    request = (
        PlaceRequest.objects.select_for_update(of=("self",))
        .select_related("review__school", "reviewer__user", "member", "run")
        .get(pk=request.pk)
    )
    if to not in TRANSITIONS[request.status]:
        raise ValidationError(f"You cannot {action} this place: {REFUSED[request.status]}")
    if to == Status.TIMED_OUT:
        return request
    if is_closed(request):
        raise ValidationError(GONE_WITH_REVIEW if is_cancelled(request) else GONE)
    if is_past_due(request):
        raise ValidationError(f"You cannot {action} this place: {late(request)}")
    return request


def is_closed(request: PlaceRequest) -> bool:
    """Whether the place was taken back since the reviewer was asked: the coordinator removed
    or replaced the member (removing clears `member`, as replacing removes first), or the
    review was cancelled."""
    return (
        request.member is None
        or request.member.reviewer_id != request.reviewer_id
        or is_cancelled(request)
    )


def is_cancelled(request: PlaceRequest) -> bool:
    return request.review.status == Review.Status.CANCELLED


def is_past_due(request: PlaceRequest, today: date | None = None) -> bool:
    """An unanswered request after its due date is over, though the daily task may not have
    timed it out yet."""
    return request.status == Status.ASKED and request.due < (today or local_today())


def late(request: PlaceRequest) -> str:
    return (
        f"the time to answer ended on {request.due:%A %-d %B %Y}, so it is offered to someone else"
    )


def confirm(actor: Any, request: PlaceRequest) -> PlaceRequest:
    with transaction.atomic():
        request = _locked(request, Status.CONFIRMED, "confirm")
        before = snapshot(request, FIELDS)
        request.status, request.answered_at = Status.CONFIRMED, timezone.now()
        request.save(update_fields=["status", "answered_at"])
        record_change(actor, verbs.PLACE_CONFIRMED, request, before, snapshot(request, FIELDS))
    return request


def decline(actor: Any, request: PlaceRequest, reason: str = "") -> PlaceRequest | None:
    """Free the place and ask the next backup; the backup's request, or None if nobody could
    take the place."""
    with transaction.atomic():
        request = _locked(request, Status.DECLINED, "decline")
        before = snapshot(request, FIELDS)
        request.status, request.reason = Status.DECLINED, reason.strip()
        request.answered_at = timezone.now()
        successor = _free_and_refill(actor, request)
        record_change(actor, verbs.PLACE_DECLINED, request, before, snapshot(request, FIELDS))
    return successor


def expire(today: date | None = None) -> int:
    """Every request still unanswered after its due date times out and its place is offered
    on; how many timed out."""
    today = today or local_today()
    overdue = PlaceRequest.objects.filter(status=Status.ASKED, due__lt=today)
    count = 0
    for request in overdue.order_by("due", "pk"):
        try:  # a team that cannot change is left to the coordinator (_free_and_refill)
            _time_out(request)
        except ValidationError as err:  # answered meanwhile
            logger.warning("Place request %s could not time out: %s", request.pk, err)
            continue
        count += 1
    return count


def _time_out(request: PlaceRequest) -> None:
    with transaction.atomic():
        request = _locked(request, Status.TIMED_OUT, "time out")
        before = snapshot(request, FIELDS)
        request.status = Status.TIMED_OUT
        if is_closed(request):  # the coordinator already changed the team: nobody to ask
            request.save()
        else:
            _free_and_refill(None, request)
        record_change(
            None, verbs.PLACE_REQUEST_TIMED_OUT, request, before, snapshot(request, FIELDS)
        )


def _free_and_refill(actor: Any, request: PlaceRequest) -> PlaceRequest | None:
    """Remove the member from the team, then ask backups in rank order until one can go. If
    the team service refuses to remove them, the place stays theirs for the coordinator to
    change (request.member stays set: todos.py asks the coordinator)."""
    member = request.member
    if member is not None:
        try:
            with transaction.atomic():
                if member.locked:
                    set_locked(actor, member, False)
                remove_team_member(actor, member)
        except ValidationError as err:
            logger.info("Place request %s left to the coordinator: %s", request.pk, err)
            request.save()
            notices.place_not_taken(request, None, notices.STILL_ON_TEAM)
            return None
        request.member = None
    successor, refused = _next_backup(actor, request)
    if successor is None:
        request.unfilled_reason = _nobody(refused)
    request.save()
    if successor is not None:
        send_requests([successor])
    outcome = notices.EMPTY if successor is None else notices.BACKUP_ASKED
    notices.place_not_taken(request, successor, outcome)
    return successor


def _next_backup(actor: Any, request: PlaceRequest) -> tuple[PlaceRequest | None, list[str]]:
    asked = set(
        PlaceRequest.objects.filter(run=request.run_id, review=request.review_id).values_list(
            "reviewer_id", flat=True
        )
    )
    backups = Backup.objects.filter(
        run=request.run_id, review=request.review_id, role=request.role
    ).select_related("reviewer__user")
    refused = []
    for backup in backups.exclude(reviewer_id__in=asked):
        try:
            with transaction.atomic():
                member = add_team_member(actor, request.review, backup.reviewer, request.role)
        except ValidationError as err:  # no longer free or eligible: try the next one
            refused.append(f"{backup.reviewer.user.full_name}: {' '.join(err.messages)}")
            continue
        return ask(actor, request.run, member, backup=True), refused
    return None, refused


def _nobody(refused: list[str]) -> str:
    if not refused:
        return "The run found nobody else who could take this place: find a reviewer by hand"
    return "No backup could take this place (" + "; ".join(refused) + "): find a reviewer by hand"


def send_requests(requests: Iterable[PlaceRequest]) -> int:
    """One notification per place, asking the reviewer to confirm or decline it, with the visit
    for their calendar (sent once the change commits); how many places. Their home school's
    leaders get a copy, as the days count against those they approved: for their information,
    so without the visit (their calendars are not asked to hold it)."""
    sent = 0
    for request in requests:
        profile, review = request.reviewer, request.review
        subject = f"Please confirm your place on the review of {review.school.name}"
        body = {"body": email_body(profile.user.full_name, request)}
        notify(
            [profile.user],
            "place-offered",
            subject=subject,
            context=body,
            link=reverse("allocations:place", args=[request.pk]),
            calendar=invitation_for(visit_entry(review)),  # the UID of their calendar feed
        )
        notify(
            home_leaders(profile),
            "place-offered",
            subject=subject,
            context=body,
            link=reverse("people:record", args=[profile.pk]),
        )
        sent += 1
    return sent


def home_leaders(profile: ReviewerProfile) -> list[User]:
    grants = RoleGrant.objects.filter(
        role=Role.SCHOOL_LEADER, school_id=profile.home_school_id, user__is_active=True
    ).select_related("user")
    return [g.user for g in grants if g.user_id != profile.user_id]


def email_body(name: str, request: PlaceRequest) -> str:
    review = request.review
    days = review_dates(review.start_date, review.days)
    return "\n".join(
        [
            f"Dear {name},",
            "",
            "You have been offered a place on a peer review team: "
            f"{lower_first(request.get_role_display())} on the "
            f"{lower_first(review.get_kind_display())} of {review.school.name}, from "
            f"{days[0]:%A %-d %B %Y} to {days[-1]:%A %-d %B %Y}.",
            "",
            f"Please confirm or decline it by {request.due:%A %-d %B %Y}: "
            f"{site_link('allocations:place', request.pk)}",
            "",
            "The place is held for you until then; if you do not answer, it is offered to "
            "another reviewer. The days count against those your headteacher approved for you: "
            "your school's leaders have a copy of this message.",
            "",
            "Collegium",
        ]
    )
