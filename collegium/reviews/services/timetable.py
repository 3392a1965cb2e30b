"""R2–R3: the day-by-day timetable of a review, with the conduct rules enforced on every change.

CONDUCT_RULES is the list of checks an activity must pass; each takes the review, the activity
as it would be saved, and the review's other activities, and returns the refusal in words (which
rule, and what to change) or None. A reviewer at two overlapping activities is refused too.
"""

from collections.abc import Callable
from datetime import time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.reviews.models import Activity, Review
from collegium.reviews.services.planning_types import edit_version
from collegium.reviews.services.status import lock_review
from collegium.words import lower_first

Status = Review.Status
LATEST_END = time(18, 0)
EDITABLE = (Status.PLANNING, Status.VISIT)
ACTIVITY_FIELDS = [
    "day",
    "starts_at",
    "ends_at",
    "kind",
    "subject",
    "led_by_staff",
    "reviewer_id",
    "needs_host_leader",
    "host_leader",
    "notes",
]


def _snapshot(activity: Activity) -> dict[str, Any]:
    """The activity's fields for the audit trail, times as HH:MM (snapshot keeps dates only)."""
    values = snapshot(activity, ACTIVITY_FIELDS)
    for name in ("starts_at", "ends_at"):
        values[name] = f"{getattr(activity, name):%H:%M}"
    return values


def _quoted(activity: Activity) -> str:
    return f"‘{activity.label}’"


def _same_person(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def within_review_days(review: Review, activity: Activity, others: list[Activity]) -> str | None:
    if 1 <= activity.day <= review.days:
        return None
    return (
        f"The review lasts {review.days} day{'s' if review.days > 1 else ''}: choose a day "
        f"from 1 to {review.days} for {_quoted(activity)}"
    )


def ends_after_start(review: Review, activity: Activity, others: list[Activity]) -> str | None:
    if activity.ends_at > activity.starts_at:
        return None
    return f"{_quoted(activity)} must end after it starts: change its end time"


def ends_by_six(review: Review, activity: Activity, others: list[Activity]) -> str | None:
    if activity.ends_at <= LATEST_END:
        return None
    return (
        f"Activities must end by 18:00: change the end time of {_quoted(activity)} "
        "to 18:00 or earlier"
    )


def deep_dive_named(review: Review, activity: Activity, others: list[Activity]) -> str | None:
    if activity.kind != Activity.Kind.DEEP_DIVE:
        return None
    if not activity.subject.strip() or not activity.led_by_staff.strip():
        return (
            "A subject deep-dive names its subject and the member of staff who leads it: enter both"
        )
    return None


def one_deep_dive_per_leader(
    review: Review, activity: Activity, others: list[Activity]
) -> str | None:
    if activity.kind != Activity.Kind.DEEP_DIVE or not activity.led_by_staff.strip():
        return None
    for other in others:
        if other.kind == Activity.Kind.DEEP_DIVE and _same_person(
            other.led_by_staff, activity.led_by_staff
        ):
            return (
                "No two subject deep-dives may be led by the same member of staff: "
                f"{other.led_by_staff} already leads {_quoted(other)} on day {other.day}. "
                f"Choose another member of staff to lead {_quoted(activity)}"
            )
    return None


def host_leader_paired(review: Review, activity: Activity, others: list[Activity]) -> str | None:
    if not activity.needs_host_leader:
        return None
    if activity.host_leader.strip() and activity.reviewer_id is not None:
        return None
    return (
        f"The school asks for a host leader on {_quoted(activity)}: enter the host leader "
        "and choose the visiting reviewer who goes with them"
    )


def within_daily_limit(review: Review, activity: Activity, others: list[Activity]) -> str | None:
    on_day = [other for other in others if other.day == activity.day]
    limit = review.max_activities_per_day
    if len(on_day) < limit:
        return None
    return (
        f"The school allows at most {limit} activities a day and day {activity.day} already "
        f"has {len(on_day)}: choose another day for {_quoted(activity)}, or ask the school "
        "to raise its limit"
    )


def reviewer_on_team(review: Review, activity: Activity, others: list[Activity]) -> str | None:
    member = activity.reviewer
    if member is None or member.review_id == review.pk:
        return None
    return f"Choose a visiting reviewer from this review's team for {_quoted(activity)}"


def reviewer_not_double_booked(
    review: Review, activity: Activity, others: list[Activity]
) -> str | None:
    member = activity.reviewer
    if member is None:
        return None
    for other in others:
        overlaps = other.starts_at < activity.ends_at and activity.starts_at < other.ends_at
        if other.reviewer_id == member.pk and other.day == activity.day and overlaps:
            return (
                f"{member.reviewer.user.full_name} is already at {_quoted(other)} "
                f"from {other.starts_at:%H:%M} to {other.ends_at:%H:%M} on day {other.day}: "
                f"choose another reviewer or time for {_quoted(activity)}"
            )
    return None


ConductRule = Callable[[Review, Activity, list[Activity]], str | None]
CONDUCT_RULES: tuple[ConductRule, ...] = (
    within_review_days,
    ends_after_start,
    ends_by_six,
    deep_dive_named,
    one_deep_dive_per_leader,
    host_leader_paired,
    within_daily_limit,
    reviewer_on_team,
    reviewer_not_double_booked,
)


def conduct_problems(review: Review, activity: Activity) -> list[str]:
    """Every conduct rule the activity would break, in words."""
    others = list(
        review.activities.exclude(pk=activity.pk).select_related("reviewer__reviewer__user")
    )
    found = (rule(review, activity, others) for rule in CONDUCT_RULES)
    return [problem for problem in found if problem]


def _require_editable(review: Review) -> None:
    if review.status not in EDITABLE:
        raise ValidationError(
            "The timetable can only change while the review is being planned or the visit is "
            f"under way: it is {lower_first(Status(review.status).label)}"
        )


def _checked_save(review: Review, activity: Activity) -> None:
    problems = conduct_problems(review, activity)
    if problems:
        raise ValidationError(problems)
    activity.save()


def add_activity(actor: User, review: Review, **fields: Any) -> Activity:
    """Add an activity to the timetable; fields are Activity's (day, starts_at, kind…)."""
    with transaction.atomic():
        review = lock_review(review)
        _require_editable(review)
        activity = Activity(review=review, **fields)
        _checked_save(review, activity)
        after = _snapshot(activity)
        record_change(actor, verbs.ACTIVITY_ADDED, activity, None, after)
    return activity


def _fresh(activity: Activity) -> tuple[Review, Activity]:
    review = lock_review(activity.review)
    try:
        return review, Activity.objects.get(pk=activity.pk, review=review)
    except Activity.DoesNotExist:
        raise ValidationError("This activity has been removed from the timetable") from None


def activity_version(activity: Activity) -> str:
    return edit_version(_snapshot(activity))


def change_activity(
    actor: User, activity: Activity, version: str | None = None, **fields: Any
) -> Activity:
    """Change an activity; `version` (from activity_version when the form was opened) refuses
    the change if someone else changed the activity meanwhile."""
    with transaction.atomic():
        review, activity = _fresh(activity)
        _require_editable(review)
        before = _snapshot(activity)
        if version is not None and version != edit_version(before):
            raise ValidationError(
                f"Someone else changed {_quoted(activity)} after you opened it: your change has "
                "not been saved. Check the activity as it is now and make your change again"
            )
        for name, value in fields.items():
            setattr(activity, name, value)
        _checked_save(review, activity)
        after = _snapshot(activity)
        record_change(actor, verbs.ACTIVITY_CHANGED, activity, before, after)
    return activity


def remove_activity(actor: User, activity: Activity) -> None:
    with transaction.atomic():
        review, activity = _fresh(activity)
        _require_editable(review)
        before = _snapshot(activity)
        record_change(actor, verbs.ACTIVITY_REMOVED, activity, before, None)
        activity.delete()
