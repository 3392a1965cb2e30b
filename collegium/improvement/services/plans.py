"""I1: the action plan for a review's agreed priority: started from the findings, agreed (draft →
under way), later completed. Every change — here and to the plan's items (`plan_items`) — goes
through `edit_plan`: it carries the plan's revision, so one made from an out-of-date page is
refused and nothing is saved, and two people building the plan never overwrite each other. Every
change is audited on the plan.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.improvement.models import ActionPlan, Milestone
from collegium.improvement.services.workshops import check_ready
from collegium.reviews.models import Review
from collegium.reviews.services.status import lock_review

Status = ActionPlan.Status
PLAN_FIELDS = ["status", "priority_strand_id", "priority", "revision"]
CONFLICT = "conflict"  # the code of a PlanConflict, kept when a page shows it on its form


class PlanConflict(ValidationError):
    """The plan changed since the person's page was loaded: nothing was saved."""

    def __init__(self) -> None:
        super().__init__(
            "Someone else changed the action plan after you opened this page, so your change "
            "has not been saved. Check the plan as it is now and make your change again.",
            code=CONFLICT,
        )


def start_plan(actor: User, review: Review) -> ActionPlan:
    with transaction.atomic():
        review = lock_review(review)
        findings = check_ready(review)
        if ActionPlan.objects.filter(review=review).exists():
            raise ValidationError("The action plan for this review has already been started")
        plan = ActionPlan.objects.create(
            review=review,
            priority_strand=findings.priority_strand,
            priority=findings.improvement_priority,
            created_by=actor,
        )
        record_change(actor, verbs.ACTION_PLAN_STARTED, plan, None, snapshot(plan, PLAN_FIELDS))
    return plan


def lock_plan(plan: ActionPlan) -> ActionPlan:
    """The plan read afresh under a row lock, for the rest of the transaction."""
    return ActionPlan.objects.select_for_update().select_related("review").get(pk=plan.pk)


def _lock(plan: ActionPlan, revision: int | None) -> ActionPlan:
    plan = lock_plan(plan)
    if revision != plan.revision:
        raise PlanConflict()
    if plan.status == Status.COMPLETED:
        raise ValidationError("The action plan is completed, so it can no longer change")
    return plan


type Change[T] = Callable[[ActionPlan], tuple[T, dict[str, Any] | None, dict[str, Any] | None]]


def edit_plan[T](
    actor: User, plan: ActionPlan, revision: int | None, verb: str, change: Change[T]
) -> T:
    """Apply one change to the plan under a row lock, raise its revision and audit it."""
    with transaction.atomic():
        plan = _lock(plan, revision)
        result, before, after = change(plan)
        plan.revision += 1
        plan.save(update_fields=["revision"])
        record_change(actor, verb, plan, before, after)
    return result


type Fields = Callable[[ActionPlan], dict[str, Any]]


def missing_for_agreement(plan: ActionPlan) -> list[str]:
    """What the plan still needs before it can be agreed, in words."""
    missing = []
    if not Milestone.objects.filter(action__plan=plan).exists():
        missing.append("an action with at least one milestone")
    if not plan.measures.exists():
        missing.append("at least one success measure")
    return missing


def _move(
    actor: User, plan: ActionPlan, revision: int | None, to: str, check: Fields
) -> ActionPlan:
    stamp = "agreed_at" if to == Status.ACTIVE else "completed_at"

    def change(plan: ActionPlan) -> tuple[ActionPlan, dict[str, Any], dict[str, Any]]:
        check(plan)
        before = snapshot(plan, ["status", stamp])
        plan.status = to
        setattr(plan, stamp, timezone.now())
        plan.save(update_fields=["status", stamp])
        return plan, before, snapshot(plan, ["status", stamp])

    verb = verbs.ACTION_PLAN_AGREED if to == Status.ACTIVE else verbs.ACTION_PLAN_COMPLETED
    return edit_plan(actor, plan, revision, verb, change)


def agree_plan(actor: User, plan: ActionPlan, revision: int | None) -> ActionPlan:
    """Draft → under way, once it has an action with a milestone and a success measure."""

    def check(plan: ActionPlan) -> dict[str, Any]:
        if plan.status != Status.DRAFT:
            raise ValidationError("The action plan has already been agreed")
        missing = missing_for_agreement(plan)
        if missing:
            raise ValidationError(
                "Before the action plan can be agreed, add " + " and ".join(missing)
            )
        return {}

    return _move(actor, plan, revision, Status.ACTIVE, check)


def complete_plan(actor: User, plan: ActionPlan, revision: int | None) -> ActionPlan:
    """Under way → completed: the plan no longer changes."""

    def check(plan: ActionPlan) -> dict[str, Any]:
        if plan.status != Status.ACTIVE:
            raise ValidationError("Agree the action plan before marking it as completed")
        return {}

    return _move(actor, plan, revision, Status.COMPLETED, check)
