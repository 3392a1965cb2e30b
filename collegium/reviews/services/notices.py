"""The notifications of a review's planning and visit: the school's leaders and the team hear
when it is scheduled, moved or cancelled, a reviewer added to a team by hand hears of their
place and one removed hears that it ended, and the lead reviewer hears of a concern the school
raised. The scheduling email asks the school's leaders, and only them, for the focus, the nominee
and the year's self-evaluation while they are missing; once the visit starts, the rest of the team
are asked for their judgements. Each is sent once the change commits, the visit attached for
calendars (a cancellation as METHOD:CANCEL with the same UID)."""

from datetime import date
from typing import Any

from collegium.accounts.models import User
from collegium.calendars.services import invitation_for
from collegium.links import site_link
from collegium.notifications.services import notify
from collegium.people.dates import academic_year_label, current_academic_year
from collegium.people.selectors import school_leaders
from collegium.reviews.calendar import visit_entry
from collegium.reviews.models import Concern, Review, TeamMember
from collegium.reviews.services.planning_types import review_dates
from collegium.selfevaluation.selectors import submitted_by
from collegium.words import lower_first


def _head_and_team(review: Review) -> list[User]:
    team = review.team.select_related("reviewer__user")
    return [*school_leaders(review.school_id), *(member.reviewer.user for member in team)]


def _dates(review: Review) -> dict[str, Any]:
    days = review_dates(review.start_date, review.days)
    return {
        "first_day": days[0],
        "last_day": days[-1],
        "kind": lower_first(review.get_kind_display()),
    }


def _asked_of_the_school(review: Review) -> dict[str, Any]:
    """What the school's leaders must do before the review (their to-dos), said only to them."""
    year = current_academic_year(review.start_date)
    submitted = submitted_by(review.school_id, year)
    return {
        "leader_ids": {leader.pk for leader in school_leaders(review.school_id)},
        "focus_to_set": not (review.focus and review.nominee_name),
        "self_evaluation_year": (
            None if submitted and submitted.academic_year == year else academic_year_label(year)
        ),
        "self_evaluation_link": site_link("selfevaluation:school", review.school_id),
    }


def review_scheduled(review: Review) -> None:
    notify(
        _head_and_team(review),
        "review-scheduled",
        subject=f"Review scheduled: {review.school.name}",
        context={"review": review, **_dates(review), **_asked_of_the_school(review)},
        link=site_link("reviews:detail", review.pk),
        calendar=invitation_for(visit_entry(review)),
    )


def review_moved(review: Review, was_start: date, was_days: int) -> None:
    was = review_dates(was_start, was_days)
    notify(
        _head_and_team(review),
        "review-moved",
        subject=f"Review moved: {review.school.name}",
        context={"review": review, "was_first": was[0], "was_last": was[-1], **_dates(review)},
        link=site_link("reviews:detail", review.pk),
        calendar=invitation_for(visit_entry(review)),  # same UID, higher SEQUENCE
    )


def member_added(member: TeamMember) -> None:
    review = member.review
    notify(
        [member.reviewer.user],
        "member-added",
        subject=f"You are on the review team for {review.school.name}",
        context={
            "review": review,
            "role": lower_first(member.get_role_display()),
            **_dates(review),
        },
        link=site_link("reviews:team", review.pk),
        calendar=invitation_for(visit_entry(review)),
    )


def review_cancelled(review: Review) -> None:
    """The school's leaders and the team hear, and their calendars remove the visit."""
    notify(
        _head_and_team(review),
        "review-cancelled",
        subject=f"Review cancelled: {review.school.name}",
        context={"review": review, **_dates(review)},
        link=site_link("reviews:detail", review.pk),
        calendar=invitation_for(visit_entry(review), cancelled=True),
        calendar_method="CANCEL",
    )


def member_removed(member: TeamMember, declined: bool = False) -> None:
    """The reviewer's calendar removes the visit (the rest of the team keep it); `declined`:
    they took themselves off by declining the place."""
    review = member.review
    subject = (
        f"You declined your place on the review of {review.school.name}"
        if declined
        else f"You are no longer on the review team for {review.school.name}"
    )
    notify(
        [member.reviewer.user],
        "member-removed",
        subject=subject,
        context={
            "review": review,
            "role": lower_first(member.get_role_display()),
            "declined": declined,
            **_dates(review),
        },
        link=site_link("home"),
        calendar=invitation_for(visit_entry(review), cancelled=True),
        calendar_method="CANCEL",
    )


def concern_raised(concern: Concern) -> None:
    review = concern.review
    leads = review.team.filter(role=TeamMember.Role.LEAD).select_related("reviewer__user")
    notify(
        [member.reviewer.user for member in leads],
        "concern-raised",
        subject=f"Concern raised: {review.school.name}",
        context={"review": review, "concern": concern},
        link=site_link("reviews:concerns", review.pk),
    )


def visit_started(review: Review, actor: User) -> None:
    """The team, but the lead who started it, are asked for their judgements by the last day."""
    team = review.team.exclude(reviewer__user=actor).select_related("reviewer__user")
    notify(
        [member.reviewer.user for member in team],
        "visit-started",
        subject=f"Visit started: {review.school.name}",
        context={"review": review, **_dates(review)},
        link=site_link("reviews:judgements", review.pk),
    )
