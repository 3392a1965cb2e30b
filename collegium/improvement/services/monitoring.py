"""I3: monitoring an action plan while it is under way, and revisiting it at the next review.

The school's leaders check in on milestones (a status with the evidence for it) and record
readings of survey and observation measures, only while the plan is under way. At the school's
next review, its lead reviewer records whether the previous priority was achieved."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from collegium import access
from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.improvement.models import (
    ActionPlan,
    CheckIn,
    MeasureReading,
    Milestone,
    SuccessMeasure,
)
from collegium.improvement.services.plans import lock_plan
from collegium.reviews.models import Review

MILESTONE_FIELDS = ["status", "done_on"]
OUTCOME_FIELDS = ["outcome", "outcome_note", "outcome_review_id", "outcome_recorded_by_id"]
NOT_UNDER_WAY = {
    ActionPlan.Status.DRAFT: "The action plan is still a draft: check-ins and readings start "
    "once it is agreed and under way",
    ActionPlan.Status.COMPLETED: "The action plan is completed, so it no longer takes "
    "check-ins or readings",
}
READ_KINDS = {SuccessMeasure.Kind.SURVEY, SuccessMeasure.Kind.OBSERVATION}
REVISIT_STATUSES = {Review.Status.VISIT, Review.Status.AGREED}
REVISIT_REFUSALS = {
    Review.Status.PLANNING: "The previous priority is revisited during the review: its outcome "
    "can be recorded once the visit has started",
    Review.Status.CLOSED: "This review is closed, so the outcome can no longer be recorded",
    Review.Status.CANCELLED: "This review was cancelled, so it cannot record an outcome",
}


def not_under_way_reason(plan: ActionPlan) -> str:
    """Why the plan takes no check-ins or readings now, or "" when it does."""
    return NOT_UNDER_WAY.get(ActionPlan.Status(plan.status), "")


def _check_can_monitor(actor: User, plan: ActionPlan) -> None:
    if not access.can(actor, "improvement.check_in", plan):
        raise ValidationError("Only the school's leaders can check in on its action plan")
    reason = not_under_way_reason(plan)
    if reason:
        raise ValidationError(reason)


def check_in(actor: User, milestone: Milestone, status: str, evidence: str) -> CheckIn:
    """Record the milestone's status with its evidence; the milestone takes the new status."""
    evidence = evidence.strip()
    if status not in Milestone.Status.values:
        raise ValidationError("Choose the milestone's status")
    if not evidence:
        raise ValidationError("Enter the evidence for this status")
    with transaction.atomic():
        plan = lock_plan(milestone.action.plan)
        _check_can_monitor(actor, plan)
        milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
        before = snapshot(milestone, MILESTONE_FIELDS)
        done = status == Milestone.Status.DONE
        milestone.status = status
        milestone.done_on = (milestone.done_on or timezone.localdate()) if done else None
        milestone.save(update_fields=MILESTONE_FIELDS)
        entry = CheckIn.objects.create(
            milestone=milestone, status=status, evidence=evidence, recorded_by=actor
        )
        after = snapshot(milestone, MILESTONE_FIELDS) | {"evidence": evidence}
        record_change(actor, verbs.MILESTONE_CHECKED_IN, milestone, before, after)
    return entry


def record_reading(
    actor: User, measure: SuccessMeasure, taken_on: date, value: str, note: str = ""
) -> MeasureReading:
    """A dated value of a survey or observation measure."""
    value, note = value.strip(), note.strip()
    if measure.kind not in READ_KINDS:
        raise ValidationError(
            "Readings are recorded for survey and observation measures only: context figures "
            "come from the school's published data, and strands are judged at the next review"
        )
    if not value:
        raise ValidationError("Enter the reading")
    if taken_on > timezone.localdate():
        raise ValidationError("The date of the reading must be today or in the past")
    with transaction.atomic():
        plan = lock_plan(measure.plan)
        _check_can_monitor(actor, plan)
        reading = MeasureReading.objects.create(
            measure=measure, taken_on=taken_on, value=value, note=note, recorded_by=actor
        )
        after = snapshot(reading, ["measure_id", "taken_on", "value", "note"])
        record_change(actor, verbs.MEASURE_READING_RECORDED, reading, None, after)
    return reading


def previous_plan(review: Review) -> ActionPlan | None:
    """The school's most recent action plan from a review before this one."""
    return (
        ActionPlan.objects.filter(
            review__school_id=review.school_id, review__start_date__lt=review.start_date
        )
        .exclude(review_id=review.pk)
        .select_related("review", "priority_strand", "outcome_review", "outcome_recorded_by")
        .order_by("-review__start_date", "-pk")
        .first()
    )


def revisit_refusal(review: Review, plan: ActionPlan | None = None) -> str:
    """Why the review cannot record the previous priority's outcome now, or "" when it can."""
    if review.status not in REVISIT_STATUSES:
        return REVISIT_REFUSALS.get(Review.Status(review.status), "")
    if plan is not None and plan.outcome_review_id not in (None, review.pk):
        return (
            "The outcome of this priority was recorded at another review of the school and "
            "cannot be changed here"
        )
    return ""


def record_outcome(
    actor: User, review: Review, plan: ActionPlan, outcome: str, note: str
) -> ActionPlan:
    """At the school's next review, its lead records whether the previous priority was met."""
    note = note.strip()
    if outcome not in ActionPlan.Outcome.values:
        raise ValidationError("Choose whether the priority was achieved")
    if not note:
        raise ValidationError("Enter what the review team found about the priority")
    with transaction.atomic():
        review = Review.objects.select_for_update().get(pk=review.pk)
        if not access.can(actor, "improvement.record_outcome", review):
            raise ValidationError("Only the review's lead reviewer can record the outcome")
        plan = lock_plan(plan)
        _check_is_previous(review, plan)
        reason = revisit_refusal(review, plan)
        if reason:
            raise ValidationError(reason)
        before = snapshot(plan, OUTCOME_FIELDS)
        plan.outcome, plan.outcome_note = outcome, note
        plan.outcome_review, plan.outcome_recorded_by = review, actor
        plan.outcome_recorded_at = timezone.now()
        plan.save(update_fields=[*OUTCOME_FIELDS, "outcome_recorded_at"])
        after = snapshot(plan, OUTCOME_FIELDS)
        record_change(actor, verbs.PRIORITY_OUTCOME_RECORDED, plan, before, after)
    return plan


def _check_is_previous(review: Review, plan: ActionPlan) -> None:
    previous = previous_plan(review)
    if previous is None or previous.pk != plan.pk:
        raise ValidationError(
            "This is not the school's most recent action plan before this review, so this "
            "review cannot record its outcome"
        )
