"""R1–R2: the review types, and scheduling, moving, cancelling and starting a review.

REVIEW_TYPES is the table of what each kind of review needs (days, team, lead). The team's own
rules live in services/team.py and the timetable's conduct rules in services/timetable.py.
Every day of a review is a school working day (collegium/termdates: in term time, not a bank
holiday), and a second review of a school in one review cycle needs confirming.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.clusters.models import Cluster, Membership
from collegium.clusters.selectors import has_signed_current_mou
from collegium.frameworks.models import FrameworkVersion
from collegium.people.dates import academic_year_label, current_academic_year
from collegium.reviews.models import Review, TeamMember
from collegium.reviews.services import notices
from collegium.reviews.services.planning_types import (
    REVIEW_TYPES,
    edit_version,
    review_dates,
    review_type,
)
from collegium.reviews.services.status import change_status, lock_review
from collegium.reviews.services.team import availability_problem
from collegium.reviews.signals import review_scheduled
from collegium.schools.models import School
from collegium.termdates.calendar import not_in_term
from collegium.words import lower_first

Status = Review.Status
REVIEW_FIELDS = ["school_id", "cluster_id", "kind", "framework_version_id", "start_date", "days"]
FOCUS_FIELDS = ["focus", "nominee_name", "nominee_role", "max_activities_per_day"]


SECOND_REVIEW = "second_review"  # the code of the refusal the schedule and move pages confirm


def _check_dates(kind: str, start_date: date, days: int) -> None:
    """Every day of the review is a school working day: a weekday in term time that is not a
    bank holiday."""
    rtype = REVIEW_TYPES[kind]
    problem = not_in_term(start_date)
    if problem:
        raise ValidationError(problem)
    if not rtype.min_days <= days <= rtype.max_days:
        kind = lower_first(rtype.label)
        raise ValidationError(f"A {kind} lasts {rtype.days_text}: change the days")
    for day in review_dates(start_date, days)[1:]:
        problem = not_in_term(day)
        if problem:
            raise ValidationError(problem)


def _check_second_review(
    school: School, start_date: date, exclude: int | None, confirmed: bool
) -> None:
    """A school is reviewed once a review cycle; product.md gives the cycle no length, so it is
    the academic year. A second review in the same academic year is scheduled only when the
    coordinator confirms it."""
    if confirmed:
        return
    year = current_academic_year(start_date)
    others = Review.objects.filter(
        school=school, start_date__range=(date(year, 9, 1), date(year + 1, 8, 31))
    ).exclude(status=Status.CANCELLED)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    other = others.order_by("start_date").first()
    if other is not None:
        raise ValidationError(
            f"{school.name} already has a review in {academic_year_label(year)}, from "
            f"{other.start_date:%-d %B %Y}: confirm that you mean to review the school a second "
            "time this academic year",
            code=SECOND_REVIEW,
        )


def _check_school(school: School, cluster: Cluster) -> None:
    member = Membership.objects.filter(
        cluster=cluster, school=school, status=Membership.Status.MEMBER
    ).exists()
    if not member:
        raise ValidationError(f"{school.name} is not a member of {cluster.name}")
    if not has_signed_current_mou(school, cluster):
        raise ValidationError(
            f"{school.name} has not signed the current memorandum of understanding of "
            f"{cluster.name}: its headteacher must sign it before the school can be reviewed"
        )


def _check_no_overlap(school: School, start_date: date, days: int, exclude: int | None) -> None:
    dates = set(review_dates(start_date, days))
    others = Review.objects.filter(school=school).exclude(status=Status.CANCELLED)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    for other in others:
        if dates & set(review_dates(other.start_date, other.days)):
            raise ValidationError(
                f"{school.name} already has a review from {other.start_date:%-d %B %Y}: "
                "choose dates that do not overlap it"
            )


def schedule_review(
    actor: User,
    school: School,
    kind: str,
    framework_version: FrameworkVersion,
    start_date: date,
    days: int,
    cluster: Cluster,
    confirm_second: bool = False,
) -> Review:
    """Put a review of a member school in the cluster's calendar, with its empty report.
    `confirm_second`: the coordinator confirmed a second review of the school this year."""
    if kind not in REVIEW_TYPES:
        raise ValidationError("Choose the type of review")
    if framework_version.status != FrameworkVersion.Status.PUBLISHED:
        raise ValidationError("Choose a published framework version")
    _check_dates(kind, start_date, days)
    with transaction.atomic():
        Cluster.objects.select_for_update().get(pk=cluster.pk)  # one scheduling at a time
        _check_school(school, cluster)
        _check_no_overlap(school, start_date, days, exclude=None)
        _check_second_review(school, start_date, exclude=None, confirmed=confirm_second)
        review = Review.objects.create(
            school=school,
            cluster=cluster,
            kind=kind,
            framework_version=framework_version,
            start_date=start_date,
            days=days,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        review_scheduled.send(sender=Review, review=review, actor=actor)  # reports: its report
        record_change(actor, verbs.REVIEW_SCHEDULED, review, None, snapshot(review, REVIEW_FIELDS))
        notices.review_scheduled(review)
    return review


def _require_planning(review: Review, doing: str) -> None:
    if review.status != Status.PLANNING:
        state = lower_first(Status(review.status).label)
        raise ValidationError(f"You can only {doing} while it is being planned: it is {state}")


def move_review(
    actor: User, review: Review, start_date: date, days: int, confirm_second: bool = False
) -> Review:
    """Change the review's dates; the team must still be free and the timetable must fit."""
    with transaction.atomic():
        review = lock_review(review)
        _require_planning(review, "move the review")
        _check_dates(review.kind, start_date, days)
        _check_no_overlap(review.school, start_date, days, exclude=review.pk)
        late = review.activities.filter(day__gt=days).order_by("day").first()
        if late is not None:
            raise ValidationError(
                f"Day {late.day} has activities in the timetable: move or remove them before "
                f"shortening the review to {days} days"
            )
        before = snapshot(review, ["start_date", "days"])
        review.start_date, review.days = start_date, days
        for member in review.team.select_related("reviewer__user", "reviewer__home_school"):
            problem = availability_problem(review, member.reviewer)
            if problem:
                raise ValidationError(f"{problem}: change the dates or the team first")
        _check_second_review(review.school, start_date, review.pk, confirmed=confirm_second)
        review.save(update_fields=["start_date", "days"])
        record_change(actor, verbs.REVIEW_MOVED, review, before, snapshot(review, before))
        if (before["start_date"], before["days"]) != (start_date.isoformat(), days):
            notices.review_moved(review, date.fromisoformat(before["start_date"]), before["days"])
    return review


def cancel_review(actor: User, review: Review) -> Review:
    with transaction.atomic():
        review = lock_review(review)
        change_status(actor, review, Status.CANCELLED)
        notices.review_cancelled(review)
    return review


def team_shortfall(review: Review) -> str | None:
    """What the team still needs before the visit can start, in words; None when complete."""
    rtype = review_type(review)
    roles = list(review.team.values_list("role", flat=True))
    peers = roles.count(TeamMember.Role.PEER)
    if TeamMember.Role.LEAD not in roles:
        return "The team needs a lead reviewer"
    if peers < rtype.min_peers:
        need = rtype.min_peers - peers
        return f"The team needs {need} more peer reviewer{'s' if need > 1 else ''}"
    return None


def start_visit(actor: User, review: Review, today: date | None = None) -> Review:
    """The lead starts the visit on or after its first day, once the team is complete for the
    review's type."""
    today = today or timezone.localdate()
    with transaction.atomic():
        review = lock_review(review)
        if review.status == Status.PLANNING:
            if today < review.start_date:
                raise ValidationError(
                    f"The visit can start on its first day, {review.start_date:%A %-d %B %Y}, "
                    "not before."
                )
            shortfall = team_shortfall(review)
            if shortfall:
                raise ValidationError(f"{shortfall} before the visit can start")
        started = change_status(actor, review, Status.VISIT)
        notices.visit_started(started, actor)
    return started


def set_focus(
    actor: User,
    review: Review,
    focus: str,
    nominee_name: str,
    nominee_role: str,
    max_activities_per_day: int,
    version: str | None = None,
) -> Review:
    """The school chooses the focus, its nominee and how many activities a day it can host.

    `version` (focus_version when the form was opened) refuses the change if another leader
    saved the focus meanwhile, so neither loses their words."""
    with transaction.atomic():
        review = lock_review(review)
        if review.status not in (Status.PLANNING, Status.VISIT):
            raise ValidationError(
                "You can only change the focus before the judgements are agreed: the review is "
                f"{lower_first(Status(review.status).label)}"
            )
        before = snapshot(review, FOCUS_FIELDS)
        if version is not None and version != edit_version(before):
            raise ValidationError(
                "Someone else changed the focus after you opened this page: your change has not "
                "been saved. Check the focus as it is now and make your change again"
            )
        _check_limit_fits(review, max_activities_per_day)
        review.focus, review.nominee_name = focus.strip(), nominee_name.strip()
        review.nominee_role, review.max_activities_per_day = (
            nominee_role.strip(),
            max_activities_per_day,
        )
        review.save(update_fields=FOCUS_FIELDS)
        record_change(
            actor,
            verbs.REVIEW_FOCUS_SET,
            review,
            before,
            snapshot(review, FOCUS_FIELDS),
        )
    return review


def focus_version(review: Review) -> str:
    return edit_version(snapshot(review, FOCUS_FIELDS))


def _check_limit_fits(review: Review, limit: int) -> None:
    if limit < 1:
        raise ValidationError("The activity limit must be at least 1 a day")
    for day in range(1, review.days + 1):
        count = review.activities.filter(day=day).count()
        if count > limit:
            raise ValidationError(
                f"Day {day} already has {count} activities: remove some from the timetable "
                f"before lowering the limit to {limit}"
            )
