"""Changes a reviewer (or a network admin) makes to a register entry."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models, transaction

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.people import notices
from collegium.people.dates import today
from collegium.people.models import (
    AvailableWeek,
    Blackout,
    DeclaredConflict,
    FormerEmployment,
    PastReview,
    ReviewerProfile,
    TrainingRecord,
)
from collegium.people.services.capacity import withdraw_approval
from collegium.people.services.unique import create_once
from collegium.schools.models import School

PROFILE_FIELDS = ["home_school_id", "job_title", "phases", "subjects", "years_in_senior_leadership"]


def register_reviewer(
    actor: User,
    *,
    home_school: School,
    job_title: str,
    phases: list[str],
    subjects: list[str],
    years_in_senior_leadership: int,
) -> ReviewerProfile:
    with transaction.atomic():
        profile = create_once(
            lambda: ReviewerProfile.objects.create(
                user=actor,
                home_school=home_school,
                job_title=job_title.strip(),
                phases=list(phases),
                subjects=list(subjects),
                years_in_senior_leadership=years_in_senior_leadership,
            ),
            ReviewerProfile.objects.filter(user=actor).exists,
            "You are already registered as a reviewer",
        )
        record_change(
            actor, verbs.REVIEWER_REGISTERED, profile, None, snapshot(profile, PROFILE_FIELDS)
        )
        notices.staff_registered(profile)
    return profile


def update_profile(
    actor: User,
    profile: ReviewerProfile,
    *,
    home_school: School,
    job_title: str,
    phases: list[str],
    subjects: list[str],
    years_in_senior_leadership: int,
) -> ReviewerProfile:
    """Change the profile. Moving home school ends the old employer's approvals of days and
    records the old school as former employment, so its conflict of interest stays."""
    with transaction.atomic():
        before = snapshot(profile, PROFILE_FIELDS)
        old_school = profile.home_school
        profile.home_school, profile.job_title = home_school, job_title.strip()
        profile.phases, profile.subjects = list(phases), list(subjects)
        profile.years_in_senior_leadership = years_in_senior_leadership
        profile.save()
        if home_school.pk != old_school.pk:
            _leave_school(actor, profile, old_school)
        after = snapshot(profile, PROFILE_FIELDS)
        record_change(actor, verbs.REVIEWER_PROFILE_CHANGED, profile, before, after)
    return profile


def _leave_school(actor: User, profile: ReviewerProfile, school: School) -> None:
    for approval in profile.capacity_approvals.filter(withdrawn_at__isnull=True):
        withdraw_approval(actor, approval)
    job = FormerEmployment(reviewer=profile, school=school, left_on=today())
    _add(actor, verbs.FORMER_EMPLOYMENT_ADDED, job)


def _add[M: models.Model](actor: User, action: str, item: M) -> M:
    with transaction.atomic():
        item.save()
        record_change(actor, action, item, None, snapshot(item))
    return item


def _not_in_future(day: date, message: str) -> None:
    if day > today():
        raise ValidationError(message)


def add_training(
    actor: User,
    profile: ReviewerProfile,
    *,
    kind: str,
    title: str,
    provider: str,
    completed_on: date,
) -> TrainingRecord:
    _not_in_future(completed_on, "The date completed must be today or in the past")
    record = TrainingRecord(
        reviewer=profile,
        kind=kind,
        title=title.strip(),
        provider=provider.strip(),
        completed_on=completed_on,
    )
    return _add(actor, verbs.TRAINING_ADDED, record)


def set_available_weeks(
    actor: User, profile: ReviewerProfile, offered: Iterable[date], chosen: Iterable[date]
) -> None:
    """Mark the chosen weeks available and the other offered weeks not; others are kept."""
    offered, chosen = set(offered), set(chosen) & set(offered)
    with transaction.atomic():
        current = profile.available_weeks.filter(week_starting__in=offered)
        before = sorted(current.values_list("week_starting", flat=True))
        current.exclude(week_starting__in=chosen).delete()
        AvailableWeek.objects.bulk_create(
            [AvailableWeek(reviewer=profile, week_starting=week) for week in chosen],
            ignore_conflicts=True,
        )
        if set(before) != chosen:
            record_change(
                actor,
                verbs.AVAILABLE_WEEKS_CHANGED,
                profile,
                {"available_weeks": [w.isoformat() for w in before]},
                {"available_weeks": [w.isoformat() for w in sorted(chosen)]},
            )


def add_blackout(
    actor: User, profile: ReviewerProfile, *, starts_on: date, ends_on: date, reason: str = ""
) -> Blackout:
    if ends_on < starts_on:
        raise ValidationError("The end date must be the same as or after the start date")
    blackout = Blackout(
        reviewer=profile, starts_on=starts_on, ends_on=ends_on, reason=reason.strip()
    )
    return _add(actor, verbs.BLACKOUT_ADDED, blackout)


def declare_conflict(
    actor: User, profile: ReviewerProfile, *, school: School, reason: str
) -> DeclaredConflict:
    with transaction.atomic():
        conflict = create_once(
            lambda: DeclaredConflict.objects.create(
                reviewer=profile, school=school, reason=reason.strip()
            ),
            profile.declared_conflicts.filter(school=school).exists,
            f"A conflict with {school.name} is already declared",
        )
        record_change(actor, verbs.CONFLICT_DECLARED, conflict, None, snapshot(conflict))
    return conflict


def add_former_employment(
    actor: User, profile: ReviewerProfile, *, school: School, left_on: date
) -> FormerEmployment:
    _not_in_future(left_on, "The date they left must be today or in the past")
    job = FormerEmployment(reviewer=profile, school=school, left_on=left_on)
    return _add(actor, verbs.FORMER_EMPLOYMENT_ADDED, job)


def add_past_review(
    actor: User, profile: ReviewerProfile, *, school: School, reviewed_on: date, as_lead: bool
) -> PastReview:
    _not_in_future(reviewed_on, "The date of the review must be today or in the past")
    review = PastReview(reviewer=profile, school=school, reviewed_on=reviewed_on, as_lead=as_lead)
    return _add(actor, verbs.PAST_REVIEW_ADDED, review)


REMOVAL_ACTIONS = {
    TrainingRecord: verbs.TRAINING_REMOVED,
    Blackout: verbs.BLACKOUT_REMOVED,
    DeclaredConflict: verbs.CONFLICT_WITHDRAWN,
    FormerEmployment: verbs.FORMER_EMPLOYMENT_REMOVED,
    PastReview: verbs.PAST_REVIEW_REMOVED,
}


def remove_item(actor: User, item: models.Model) -> None:
    """Delete one entry of a register; the audit trail keeps what it said."""
    action = REMOVAL_ACTIONS[type(item)]
    with transaction.atomic():
        record_change(actor, action, item, snapshot(item), None)
        item.delete()
