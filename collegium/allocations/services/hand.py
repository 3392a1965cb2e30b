"""Changes a coordinator makes by hand to a proposal before accepting it: lock a place so
re-optimising keeps it, remove a reviewer from a review (they are not proposed for it again),
or swap them for another reviewer. Every swap is checked against the team rules on the review
(reviews.services.team.team_problem) and against the run's other proposed places."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from collegium.allocations.models import AllocationRun, ProposedPlace
from collegium.allocations.services.runs import Status, lock_run
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.people.dates import academic_year_label, current_academic_year
from collegium.people.models import CapacityApproval, ReviewerProfile
from collegium.reviews.selectors import committed_days
from collegium.reviews.services.planning_types import review_weeks
from collegium.reviews.services.team import team_problem
from collegium.words import lower_first

PLACE_FIELDS = ["reviewer_id", "role", "locked"]


def _locked_place(place: ProposedPlace, action: str) -> tuple[AllocationRun, ProposedPlace]:
    run = lock_run(place.run)
    if run.status != Status.PROPOSED:
        raise ValidationError(f"You cannot {action}: the proposal is no longer open to changes")
    fresh = (
        run.places.select_related("review__school", "reviewer__user", "reviewer__home_school")
        .filter(pk=place.pk)
        .first()
    )
    if fresh is None:
        raise ValidationError("This place is no longer in the proposal")
    if fresh.on_team:
        raise ValidationError(
            f"{fresh.reviewer.user.full_name} is already on the team: change it on the review's "
            "team page"
        )
    return run, fresh


def set_place_locked(actor: Any, place: ProposedPlace, locked: bool) -> ProposedPlace:
    with transaction.atomic():
        run, place = _locked_place(place, "lock or unlock this place")
        before = snapshot(place, PLACE_FIELDS)
        place.locked = locked
        place.save(update_fields=["locked"])
        verb = verbs.PROPOSED_PLACE_LOCKED if locked else verbs.PROPOSED_PLACE_UNLOCKED
        record_change(actor, verb, place, before, snapshot(place, PLACE_FIELDS))
    return place


def _refuse_locked(place: ProposedPlace) -> None:
    if place.locked:
        raise ValidationError(
            f"{place.reviewer.user.full_name}'s place is locked: unlock it before changing it"
        )


def _exclude(run: AllocationRun, place: ProposedPlace) -> None:
    pair = [place.review_id, place.reviewer_id]
    if pair not in run.excluded:
        run.excluded = [*run.excluded, pair]
        run.save(update_fields=["excluded"])


def remove_place(actor: Any, place: ProposedPlace) -> None:
    """Withdraw a reviewer from one proposed team; re-optimising will not put them back."""
    with transaction.atomic():
        run, place = _locked_place(place, "remove this reviewer")
        _refuse_locked(place)
        _exclude(run, place)
        reason = f"{place.reviewer.user.full_name} was withdrawn by hand: re-optimise to fill it"
        gap = {"review_id": place.review_id, "role": place.role, "slots": 1, "reason": reason}
        run.unfilled = [*run.unfilled, gap]
        run.save(update_fields=["unfilled"])
        record_change(actor, verbs.PROPOSED_PLACE_REMOVED, place, snapshot(place, PLACE_FIELDS))
        place.delete()


def swap_place(actor: Any, place: ProposedPlace, profile: ReviewerProfile) -> ProposedPlace:
    """Put another reviewer in the place, if every rule allows it."""
    with transaction.atomic():
        run, place = _locked_place(place, "swap this reviewer")
        _refuse_locked(place)
        problem = swap_problem(run, place, profile)
        if problem:
            raise ValidationError(problem)
        before = snapshot(place, PLACE_FIELDS)
        _exclude(run, place)
        place.reviewer, place.score = profile, 0.0
        place.reasons = [f"Chosen by hand by {actor}"]
        place.save(update_fields=["reviewer", "score", "reasons"])
        record_change(
            actor, verbs.PROPOSED_PLACE_SWAPPED, place, before, snapshot(place, PLACE_FIELDS)
        )
    return place


def swap_problem(run: AllocationRun, place: ProposedPlace, profile: ReviewerProfile) -> str | None:
    """Why the reviewer cannot take the place, in words; None if they can."""
    problem = team_problem(place.review, profile, place.role)
    if problem:
        return problem
    others = run.places.exclude(pk=place.pk).select_related(
        "review__school", "reviewer__user", "reviewer__home_school"
    )
    for check in (_same_team, _same_week, _proposed_days, _phase_covered):
        problem = check(place, profile, others)
        if problem:
            return problem
    return None


def _phase_covered(place: ProposedPlace, profile: ReviewerProfile, others: Any) -> str | None:
    """The team must still include someone who knows the school's phase (a hard rule)."""
    school = place.review.school
    team = [other.reviewer for other in others.filter(review=place.review)] + [profile]
    if any(school.phase in (member.phases or []) for member in team):
        return None
    return (
        f"Nobody on the team would know the {lower_first(school.get_phase_display())} phase once "
        f"{profile.user.full_name} replaces {place.reviewer.user.full_name}: choose a reviewer "
        "with that phase"
    )


def _same_team(place: ProposedPlace, profile: ReviewerProfile, others: Any) -> str | None:
    name, trust = profile.user.full_name, profile.home_school.trust_name.strip()
    for other in others.filter(review=place.review):
        if other.reviewer_id == profile.pk:
            return f"{name} is already proposed for this team"
        if trust and other.reviewer.home_school.trust_name.strip() == trust:
            return (
                f"{name} and {other.reviewer.user.full_name} both come from {trust}: a team has "
                "at most one member from each trust"
            )
    return None


def _same_week(place: ProposedPlace, profile: ReviewerProfile, others: Any) -> str | None:
    weeks = set(review_weeks(place.review.start_date, place.review.days))
    for other in others.filter(reviewer=profile).exclude(review=place.review):
        review = other.review
        if weeks & set(review_weeks(review.start_date, review.days)):
            return (
                f"{profile.user.full_name} is already proposed for the review of "
                f"{review.school.name} from {review.start_date:%-d %B %Y}: a reviewer takes at "
                "most one review a week"
            )
    return None


def _proposed_days(place: ProposedPlace, profile: ReviewerProfile, others: Any) -> str | None:
    year = current_academic_year(place.review.start_date)
    approval = CapacityApproval.objects.filter(
        reviewer=profile, academic_year=year, withdrawn_at__isnull=True
    ).first()
    approved = approval.days if approval else 0
    taken = committed_days([profile.pk], year, []).get(profile.pk, 0)
    proposed = others.filter(reviewer=profile, on_team=False).aggregate(d=Sum("review__days"))
    taken += proposed["d"] or 0
    if taken + place.review.days > approved:
        return (
            f"{profile.user.full_name} would go beyond the {approved} days their school approved "
            f"for {academic_year_label(year)}: {taken} are already taken or proposed"
        )
    return None
