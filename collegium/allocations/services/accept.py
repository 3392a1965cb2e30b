"""Accepting a proposal: every proposed place becomes a team place through the review team
service (so every team rule is checked again), all or nothing, then the reviewers and their
home schools' leaders are told by email."""

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction

from collegium.allocations.models import AllocationRun, ProposedPlace
from collegium.allocations.services.runs import RUN_FIELDS, Status, lock_run, move
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.people.models import ReviewerProfile, Role, RoleGrant
from collegium.reviews.models import TeamMember
from collegium.reviews.services.planning_types import review_dates
from collegium.reviews.services.team import add_team_member, set_locked
from collegium.words import lower_first


def accept_run(actor: Any, run: AllocationRun) -> list[TeamMember]:
    """Create the proposed team places; if any is refused, none is created."""
    with transaction.atomic():
        run = lock_run(run)
        before = snapshot(run, RUN_FIELDS)
        move(run, Status.ACCEPTED, "accept this allocation")
        places = list(
            run.places.filter(on_team=False)
            .select_related("review__school", "reviewer__user", "reviewer__home_school")
            .order_by("review__start_date", "review_id", "role")
        )
        members = [_add(actor, place) for place in places]
        run.save(update_fields=["status"])
        record_change(actor, verbs.ALLOCATION_RUN_ACCEPTED, run, before, snapshot(run, RUN_FIELDS))
    notify(places)
    return members


def _add(actor: Any, place: ProposedPlace) -> TeamMember:
    try:
        member = add_team_member(actor, place.review, place.reviewer, place.role)
    except ValidationError as err:
        raise ValidationError(
            f"Nothing was accepted. {place.review.school.name}: {' '.join(err.messages)}"
        ) from err
    if place.locked:
        set_locked(actor, member, True)
    return member


def notify(places: list[ProposedPlace]) -> int:
    """One email per reviewer listing their new places, copied to their home school's leaders."""
    by_reviewer: dict[int, list[ProposedPlace]] = defaultdict(list)
    for place in places:
        by_reviewer[place.reviewer_id].append(place)
    for mine in by_reviewer.values():
        profile = mine[0].reviewer
        EmailMessage(
            subject="You have been placed on a peer review team",
            body=email_body(profile, mine),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[profile.user.email],
            cc=leader_emails(profile),
        ).send()
    return len(by_reviewer)


def leader_emails(profile: ReviewerProfile) -> list[str]:
    grants = RoleGrant.objects.filter(
        role=Role.SCHOOL_LEADER, school_id=profile.home_school_id, user__is_active=True
    )
    return sorted({g.user.email for g in grants.select_related("user") if g.user.email})


def email_body(profile: ReviewerProfile, places: list[ProposedPlace]) -> str:
    lines = [
        f"Dear {profile.user.full_name},",
        "",
        "You have been placed on these peer reviews:",
        "",
    ]
    for place in places:
        review = place.review
        days = review_dates(review.start_date, review.days)
        lines.append(
            f"- {place.get_role_display()} on the {lower_first(review.get_kind_display())} of "
            f"{review.school.name}: {days[0]:%A %-d %B %Y} to {days[-1]:%A %-d %B %Y} "
            f"({review.days} day{'s' if review.days > 1 else ''})"
        )
    lines += [
        "",
        f"Your school's leaders at {profile.home_school.name} have a copy of this email, as "
        "the days count against those they approved for you.",
        "",
        "Collegium",
    ]
    return "\n".join(lines)
