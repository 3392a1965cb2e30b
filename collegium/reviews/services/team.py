"""R1: the review team. add_team_member, remove_team_member and set_locked are the functions both
the coordinator's page and the allocation optimiser call, so every team rule is checked here.

TEAM_RULES is the list of checks for adding a reviewer; each returns the reason in words, or
None. Availability follows the reviewer register (P3): the reviewer must have marked every week
of the review as available, have no blackout on its days, be on no other review those weeks,
and stay within the days their home school approved for the academic year.
"""

from collections.abc import Callable
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from collegium.access import forget_places, is_accredited_lead
from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.people.conflicts import has_conflict
from collegium.people.dates import academic_year_label, current_academic_year
from collegium.people.models import CapacityApproval, ReviewerProfile, Role, RoleGrant
from collegium.reviews.models import Review, TeamMember
from collegium.reviews.services import notices
from collegium.reviews.services.planning_types import review_dates, review_type, review_weeks
from collegium.reviews.services.status import lock_review
from collegium.words import lower_first

Status = Review.Status
LEAD, PEER = TeamMember.Role.LEAD, TeamMember.Role.PEER
MEMBER_FIELDS = ["reviewer_id", "role", "locked"]


def _name(profile: ReviewerProfile) -> str:
    return profile.user.full_name


def _day(d: date) -> str:
    return f"{d:%-d %B %Y}"


def _not_twice(review: Review, profile: ReviewerProfile, role: str) -> str | None:
    if review.team.filter(reviewer=profile).exists():
        return f"{_name(profile)} is already on the team"
    return None


def _one_lead(review: Review, profile: ReviewerProfile, role: str) -> str | None:
    lead = review.team.filter(role=LEAD).select_related("reviewer__user").first()
    if role == LEAD and lead is not None:
        return (
            f"The review already has a lead reviewer, {_name(lead.reviewer)}: remove them "
            f"before adding {_name(profile)} as the lead"
        )
    return None


def _team_size(review: Review, profile: ReviewerProfile, role: str) -> str | None:
    rtype = review_type(review)
    kind = lower_first(rtype.label)
    if role != PEER:
        return None
    if rtype.max_peers == 0:
        return f"A {kind} has no peer reviewers: add {_name(profile)} as the lead"
    if review.team.filter(role=PEER).count() >= rtype.max_peers:
        return (
            f"A {kind} has at most {rtype.max_peers} peer reviewers: remove one "
            f"before adding {_name(profile)}"
        )
    return None


def _lead_qualified(review: Review, profile: ReviewerProfile, role: str) -> str | None:
    rtype = review_type(review)
    kind = lower_first(rtype.label)
    if role != LEAD:
        return None
    if rtype.lead_must_be_accredited:
        if not (is_accredited_lead(profile) and is_accredited_lead(profile, review.start_date)):
            return (
                f"{_name(profile)} cannot lead a {kind}: they do not hold a lead "
                "reviewer accreditation that is current on the review's start date"
            )
        return None
    is_head = RoleGrant.objects.filter(
        user=profile.user, role=Role.SCHOOL_LEADER, school_id=profile.home_school_id
    ).exists()
    if not is_head:
        return (
            f"{_name(profile)} cannot lead a {kind}: the lead is the visiting "
            f"head, a leader of their home school ({profile.home_school.name})"
        )
    return None


def _no_conflict(review: Review, profile: ReviewerProfile, role: str) -> str | None:
    reason = has_conflict(profile, review.school)
    if reason:
        return f"{_name(profile)} has a conflict of interest with {review.school.name}: {reason}"
    return None


def _one_per_trust(review: Review, profile: ReviewerProfile, role: str) -> str | None:
    trust = profile.home_school.trust_name.strip()
    if not trust:
        return None
    same = review.team.filter(reviewer__home_school__trust_name=trust).select_related(
        "reviewer__user"
    )
    other = same.first()
    if other is not None:
        return (
            f"{_name(profile)} and {_name(other.reviewer)} both come from {trust}: a team has at "
            "most one member from each trust"
        )
    return None


def _available(review: Review, profile: ReviewerProfile, role: str) -> str | None:
    return availability_problem(review, profile)


TeamRule = Callable[[Review, ReviewerProfile, str], str | None]
TEAM_RULES: tuple[TeamRule, ...] = (
    _not_twice,
    _one_lead,
    _team_size,
    _lead_qualified,
    _no_conflict,
    _one_per_trust,
    _available,
)


def availability_problem(review: Review, profile: ReviewerProfile) -> str | None:
    """Why the reviewer cannot take the review's days, by the register (P3); None if they can."""
    for check in (_blackout, _weeks_marked, _other_review, _capacity):
        problem = check(review, profile)
        if problem:
            return problem
    return None


def _blackout(review: Review, profile: ReviewerProfile) -> str | None:
    dates = review_dates(review.start_date, review.days)
    blackout = profile.blackouts.filter(starts_on__lte=dates[-1], ends_on__gte=dates[0]).first()
    if blackout is None:
        return None
    return (
        f"{_name(profile)} is not available from {_day(blackout.starts_on)} to "
        f"{_day(blackout.ends_on)}"
    )


def _weeks_marked(review: Review, profile: ReviewerProfile) -> str | None:
    weeks = review_weeks(review.start_date, review.days)
    marked = set(
        profile.available_weeks.filter(week_starting__in=weeks).values_list(
            "week_starting", flat=True
        )
    )
    missing = [week for week in weeks if week not in marked]
    if missing:
        return (
            f"{_name(profile)} has not marked the week of {_day(missing[0])} as available in "
            "their reviewer record"
        )
    return None


def _other_review(review: Review, profile: ReviewerProfile) -> str | None:
    weeks = set(review_weeks(review.start_date, review.days))
    near = (min(weeks) - timedelta(days=14), max(weeks) + timedelta(days=14))
    places = (
        TeamMember.objects.filter(reviewer=profile, review__start_date__range=near)
        .exclude(review=review)
        .exclude(review__status=Status.CANCELLED)
        .select_related("review__school")
    )
    for place in places:
        other = place.review
        if weeks & set(review_weeks(other.start_date, other.days)):
            return (
                f"{_name(profile)} is already on the team reviewing {other.school.name} from "
                f"{_day(other.start_date)}: a reviewer takes at most one review a week"
            )
    return None


def _capacity(review: Review, profile: ReviewerProfile) -> str | None:
    year = current_academic_year(review.start_date)
    label = academic_year_label(year)
    approval = CapacityApproval.objects.filter(
        reviewer=profile, academic_year=year, withdrawn_at__isnull=True
    ).first()
    if approval is None:
        return f"{_name(profile)}'s school has not approved any review days for {label}"
    used = (
        Review.objects.filter(
            team__reviewer=profile,
            start_date__gte=date(year, 9, 1),
            start_date__lt=date(year + 1, 9, 1),
        )
        .exclude(pk=review.pk)
        .exclude(status=Status.CANCELLED)
        .aggregate(days=Sum("days"))["days"]
        or 0
    )
    if used + review.days > approval.days:
        return (
            f"{_name(profile)} would go beyond the {approval.days} days their school approved "
            f"for {label}: {used} are already taken"
        )
    return None


def team_problem(review: Review, profile: ReviewerProfile, role: str) -> str | None:
    """The first team rule adding the reviewer would break, in words; None if none."""
    for rule in TEAM_RULES:
        problem = rule(review, profile, role)
        if problem:
            return problem
    return None


def _require_planning(review: Review) -> None:
    if review.status != Status.PLANNING:
        raise ValidationError(
            "The team can only change while the review is being planned: it is "
            f"{lower_first(Status(review.status).label)}"
        )


def add_team_member(
    actor: User | None, review: Review, reviewer_profile: ReviewerProfile, role: str
) -> TeamMember:
    """Put a reviewer on the team as lead or peer, if every team rule allows it."""
    if role not in (LEAD, PEER):
        raise ValidationError("Choose lead reviewer or peer reviewer")
    forget_places(review)
    with transaction.atomic():
        review = lock_review(review)
        # Lock the reviewer too, so two reviews cannot both take their last free week or days.
        ReviewerProfile.objects.select_for_update().get(pk=reviewer_profile.pk)
        _require_planning(review)
        problem = team_problem(review, reviewer_profile, role)
        if problem:
            raise ValidationError(problem)
        member = TeamMember.objects.create(
            review=review,
            reviewer=reviewer_profile,
            role=role,
            added_by=actor,
        )
        record_change(actor, verbs.TEAM_MEMBER_ADDED, member, None, snapshot(member, MEMBER_FIELDS))
    return member


def add_team_member_by_hand(
    actor: User, review: Review, reviewer_profile: ReviewerProfile, role: str
) -> TeamMember:
    """A place given on the team page: the reviewer is told of it (the optimiser's places are
    told by allocations, which asks the reviewer to confirm)."""
    with transaction.atomic():
        member = add_team_member(actor, review, reviewer_profile, role)
        notices.member_added(member)
    return member


def _locked_member(member: TeamMember) -> tuple[Review, TeamMember]:
    review = lock_review(member.review)
    try:
        fresh = TeamMember.objects.select_related("reviewer__user").get(pk=member.pk)
    except TeamMember.DoesNotExist:
        raise ValidationError("This reviewer is no longer on the team") from None
    return review, fresh


def remove_team_member(actor: User | None, member: TeamMember) -> None:
    forget_places(member.review)
    with transaction.atomic():
        review, member = _locked_member(member)
        _require_planning(review)
        name = _name(member.reviewer)
        if member.locked:
            raise ValidationError(f"{name}'s place is locked: unlock it before removing them")
        named = member.activities.count()
        if named:
            raise ValidationError(
                f"{name} is the visiting reviewer on {named} timetable "
                f"activit{'ies' if named > 1 else 'y'}: choose someone else for them first"
            )
        before = snapshot(member, MEMBER_FIELDS)
        record_change(actor, verbs.TEAM_MEMBER_REMOVED, member, before, None)
        declined = actor is not None and actor.pk == member.reviewer.user_id
        notices.member_removed(member, declined=declined)
        member.delete()


def set_locked(actor: User | None, member: TeamMember, locked: bool) -> TeamMember:
    """Lock a place so the optimiser keeps it, or unlock it."""
    with transaction.atomic():
        review, member = _locked_member(member)
        _require_planning(review)
        if member.locked == locked:
            return member
        before = snapshot(member, ["locked"])
        member.locked = locked
        member.save(update_fields=["locked"])
        verb = verbs.TEAM_PLACE_LOCKED if locked else verbs.TEAM_PLACE_UNLOCKED
        record_change(actor, verb, member, before, snapshot(member, ["locked"]))
    return member
