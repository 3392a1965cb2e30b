"""Accepting a proposal: every proposed place becomes a team place through the review team
service (so every team rule is checked again), all or nothing, and each reviewer with a new
place is asked to confirm it (services/consent.py) by a notification with a link."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from collegium.allocations.models import AllocationRun, ProposedPlace
from collegium.allocations.services import consent
from collegium.allocations.services.consent import send_requests
from collegium.allocations.services.runs import RUN_FIELDS, Status, lock_run, move
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.reviews.models import TeamMember
from collegium.reviews.services.team import add_team_member, set_locked


def accept_run(actor: Any, run: AllocationRun) -> list[TeamMember]:
    """Hold the proposed team places and ask each reviewer to confirm theirs; if any place is
    refused, none is created and nobody is asked."""
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
        send_requests([consent.ask(actor, run, member) for member in members])
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
