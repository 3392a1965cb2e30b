"""C1: every change to a complaint. Each service locks the row it changes, checks its rule (a
refusal is a ValidationError in the user's words and changes nothing), writes, records the step in
the audit trail and emails every party after the change commits.

A school's leader raises a complaint from the start of the visit until 10 school working days
after the report is final, one open complaint per review at a time. Stage 1 opens at once; after
its outcome (and stage 2's) the school takes it further or accepts it within 10 school working
days, or the daily task closes it. A network admin assigns the moderator (stage 2) or adjudicator
(stage 3), who must have no connection to the review (eligibility.py). An upheld outcome may change
contested judgements, only through reviews.services.revisions.revise_judgement.
"""

from collections.abc import Collection
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from collegium import access
from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.complaints import notices
from collegium.complaints.deadlines import answer_due, day, last_day_to_raise, stage_due
from collegium.complaints.eligibility import ties_to
from collegium.complaints.models import Complaint, Outcome, Stage
from collegium.complaints.parties import handles
from collegium.frameworks.models import Strand
from collegium.reviews.models import Concern, Judgement, JudgementRevision, Review
from collegium.reviews.services.revisions import revise_judgement
from collegium.reviews.services.status import lock_review
from collegium.types import Person

COMPLAINT_FIELDS = ["stage", "status", "outcome", "closed_on"]
STAGE_FIELDS = [
    "number",
    "due_on",
    "handler_id",
    "outcome",
    "decided_on",
    "answer_due_on",
    "school_choice",
]
AGREED = (Review.Status.AGREED, Review.Status.CLOSED)
NOT_YET = {
    Review.Status.PLANNING: "You can make a complaint once the review's visit has started",
    Review.Status.CANCELLED: "The review was cancelled, so you cannot complain about it",
}
NOT_UPHELD_CHANGES = "A complaint that is not upheld changes no judgement: keep the agreed levels"


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def _state(complaint: Complaint, stage: Stage) -> dict[str, Any]:
    return snapshot(complaint, COMPLAINT_FIELDS) | {
        "stage_" + name: value for name, value in snapshot(stage, STAGE_FIELDS).items()
    }


def raise_refusal(actor: Person, review: Review, today: date) -> str | None:
    """Why the person may not make a complaint about the review today; None when they may."""
    if not access.can(actor, "complaint.raise", review):
        return "Only the school's leaders can make a complaint about its review"
    if review.status in NOT_YET:
        return NOT_YET[Review.Status(review.status)]
    report = getattr(review, "report", None)
    if report is None:
        return "The review has no report, so you cannot complain about it"
    last_day = last_day_to_raise(report.finalised_at)
    if last_day is not None and today > last_day:
        return (
            f"The time to make a complaint ended on {day(last_day)}, 10 school working days "
            "after the report was final"
        )
    if Complaint.objects.filter(report_id=review.pk, status=Complaint.Status.OPEN).exists():
        return "A complaint about this review is already open: follow it on its page"
    return None


def _check_contested(
    review: Review, strands: Collection[Strand], conduct: bool, process: bool
) -> None:
    if not (strands or conduct or process):
        raise ValidationError(
            "Choose what you are complaining about: a judgement, the team's conduct or the process"
        )
    if any(strand.area.version_id != review.framework_version_id for strand in strands):
        raise ValidationError("Choose strands of the framework this review used")


def raise_complaint(
    actor: User,
    review: Review,
    *,
    strands: Collection[Strand],
    about_conduct: bool,
    about_process: bool,
    grounds: str,
    outcome_sought: str,
    concern: Concern | None = None,
    today: date | None = None,
) -> Complaint:
    """A complaint by one of the reviewed school's leaders; stage 1 opens at once."""
    grounds, outcome_sought, today = grounds.strip(), outcome_sought.strip(), _today(today)
    _check_contested(review, strands, about_conduct, about_process)
    if not grounds:
        raise ValidationError("Explain what you are complaining about and why")
    if not outcome_sought:
        raise ValidationError("Say what outcome you are seeking")
    if concern is not None and concern.review_id != review.pk:
        raise ValidationError("That concern was raised about another review")
    try:
        with transaction.atomic():
            review = lock_review(review)
            refusal = raise_refusal(actor, review, today)
            if refusal:
                raise ValidationError(refusal)
            complaint = Complaint.objects.create(
                report_id=review.pk,
                concern=concern,
                raised_by=actor,
                received_on=today,
                about_conduct=about_conduct,
                about_process=about_process,
                grounds=grounds,
                outcome_sought=outcome_sought,
            )
            complaint.strands.set(strands)
            stage = Stage.objects.create(
                complaint=complaint, number=1, opened_on=today, due_on=stage_due(today, 1)
            )
            after = _state(complaint, stage) | {"strands": sorted(s.pk for s in strands)}
            record_change(actor, verbs.COMPLAINT_RAISED, complaint, None, after)
            notices.raised(complaint, stage)
    except IntegrityError:  # raised at the same moment by another of the school's leaders
        raise ValidationError(
            "A complaint about this review is already open: follow it on its page"
        ) from None
    return complaint


def _lock(complaint: Complaint) -> tuple[Complaint, Stage]:
    """The complaint and its current stage, re-read with a row lock: two people acting at once
    (two handlers deciding, a leader escalating while another accepts) take turns."""
    locked = (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("report__review__school", "report__review__framework_version")
        .get(pk=complaint.pk)
    )
    stage = (
        Stage.objects.select_for_update(of=("self",))
        .select_related("handler")
        .get(complaint=locked, number=locked.stage)
    )
    return locked, stage


CLOSED = "The complaint is closed, so it can no longer change"


def assignment_refusal(complaint: Complaint, stage: Stage) -> str | None:
    """Why nobody can be assigned to the complaint's current stage now; None when they can."""
    if not complaint.is_open:
        return CLOSED
    if stage.number == Stage.Number.RESOLUTION:
        return (
            "Stage 1 is resolved by the lead reviewer and the cluster coordinator: someone is "
            "assigned only if the school takes the complaint to stage 2"
        )
    if stage.is_decided:
        return f"Stage {stage.number} has already been decided"
    return None


def decision_refusal(complaint: Complaint, stage: Stage) -> str | None:
    if not complaint.is_open:
        return CLOSED
    if stage.is_decided:
        return f"Stage {stage.number} has already been decided"
    return None


def answer_refusal(complaint: Complaint, stage: Stage) -> str | None:
    """Why the school cannot take the current outcome further or accept it now."""
    if not complaint.is_open:
        return CLOSED
    if not stage.is_decided:
        return (
            f"The outcome of stage {stage.number} has not been decided yet: it is due by "
            f"{day(stage.due_on)}"
        )
    return None


def _refuse(refusal: str | None) -> None:
    if refusal:
        raise ValidationError(refusal)


def assign_handler(
    actor: User, complaint: Complaint, handler: User, today: date | None = None
) -> Stage:
    """A network admin assigns the moderator or adjudicator of the current stage (2 or 3)."""
    access.require(actor, "complaint.assign", complaint)
    with transaction.atomic():
        complaint, stage = _lock(complaint)
        _refuse(assignment_refusal(complaint, stage))
        if stage.handler_id == handler.pk:
            raise ValidationError(f"{handler.full_name} already handles stage {stage.number}")
        ties = ties_to(handler, complaint, stage.number, _today(today))
        if ties:
            raise ValidationError(
                f"{handler.full_name} cannot handle stage {stage.number}: {'; '.join(ties)}"
            )
        before = _state(complaint, stage)
        stage.handler, stage.assigned_by, stage.assigned_at = handler, actor, timezone.now()
        stage.save(update_fields=["handler", "assigned_by", "assigned_at"])
        record_change(
            actor, verbs.COMPLAINT_HANDLER_ASSIGNED, complaint, before, _state(complaint, stage)
        )
        notices.assigned(complaint, stage)
    return stage


def _check_levels(
    complaint: Complaint, outcome: str, levels: dict[int, int | None]
) -> dict[Judgement, int | None]:
    """The agreed judgements the outcome changes, with their new levels."""
    review = complaint.review
    judgements = {
        j.strand_id: j
        for j in Judgement.objects.filter(review=review, strand__in=complaint.strands.all())
    }
    changes = {}
    for strand_id, level in levels.items():
        judgement = judgements.get(strand_id)
        if judgement is None:
            raise ValidationError("Only an agreed judgement the complaint contests can change")
        if level != judgement.level:
            changes[judgement] = level
    if changes and outcome == Outcome.NOT_UPHELD:
        raise ValidationError(NOT_UPHELD_CHANGES)
    if changes and review.status not in AGREED:
        raise ValidationError("The judgements are not agreed yet, so none can change")
    return changes


def decide_stage(
    actor: User,
    complaint: Complaint,
    outcome: str,
    reasons: str,
    levels: dict[int, int | None] | None = None,
    today: date | None = None,
) -> Stage:
    """The outcome of the current stage, with reasons; an upheld outcome (in full or in part) may
    give contested judgements new levels (`levels`: strand id → level)."""
    reasons, today = reasons.strip(), _today(today)
    if outcome not in Outcome.values:
        raise ValidationError("Choose the outcome: not upheld, upheld in part or upheld")
    if not reasons:
        raise ValidationError("Give the reasons for the outcome")
    with transaction.atomic():
        complaint, stage = _lock(complaint)
        _refuse(decision_refusal(complaint, stage))
        if not handles(actor, complaint, stage):
            raise ValidationError(_who_decides(stage))
        changes = _check_levels(complaint, outcome, levels or {})
        before = _state(complaint, stage)
        revisions = _revise(actor, stage, changes, reasons)
        stage.outcome, stage.reasons = outcome, reasons
        stage.decided_by, stage.decided_on = actor, today
        if stage.is_last:
            _close(complaint, outcome, today)
        else:
            stage.answer_due_on = answer_due(today)
        stage.save()
        stage.revisions.set(revisions)
        after = _state(complaint, stage) | {"judgements_changed": [r.pk for r in revisions]}
        record_change(actor, verbs.COMPLAINT_STAGE_DECIDED, complaint, before, after)
        notices.decided(complaint, stage, revisions)
    return stage


def _who_decides(stage: Stage) -> str:
    if stage.number == Stage.Number.RESOLUTION:
        return "Only the review's lead reviewer or its cluster coordinator can decide stage 1"
    if stage.handler is None:
        return f"Nobody is assigned to stage {stage.number} yet: a network admin assigns someone"
    return f"Only {stage.handler.full_name}, who is assigned to it, can decide stage {stage.number}"


def _revise(
    actor: User, stage: Stage, changes: dict[Judgement, int | None], reasons: str
) -> list[JudgementRevision]:
    why = f"Outcome of the complaint at {stage.name}: {reasons}"
    revised = [
        revise_judgement(actor, judgement, level, why, source=JudgementRevision.Source.COMPLAINT)
        for judgement, level in changes.items()
    ]
    return [revision for revision in revised if revision is not None]


def _close(complaint: Complaint, outcome: str, today: date) -> None:
    complaint.status, complaint.outcome, complaint.closed_on = (
        Complaint.Status.CLOSED,
        outcome,
        today,
    )
    complaint.save(update_fields=["status", "outcome", "closed_on"])


def escalate(actor: User, complaint: Complaint, today: date | None = None) -> Stage:
    """The school takes the complaint to the next stage, within 10 school working days of the
    outcome; the next stage's outcome is due 10 (stage 2) or 15 (stage 3) working days on."""
    access.require(actor, "complaint.respond", complaint)
    today = _today(today)
    with transaction.atomic():
        complaint, stage = _lock(complaint)
        _refuse(answer_refusal(complaint, stage))
        if stage.is_last:
            raise ValidationError("The hearing's outcome is final: the complaint cannot go further")
        if stage.answer_due_on is not None and today > stage.answer_due_on:
            raise ValidationError(
                f"The time to take the complaint further ended on {day(stage.answer_due_on)}"
            )
        before = _state(complaint, stage)
        _choose(actor, stage, Stage.Choice.ESCALATED, today)
        number = stage.number + 1
        following = Stage.objects.create(
            complaint=complaint, number=number, opened_on=today, due_on=stage_due(today, number)
        )
        complaint.stage = number
        complaint.save(update_fields=["stage"])
        record_change(
            actor, verbs.COMPLAINT_ESCALATED, complaint, before, _state(complaint, following)
        )
        notices.escalated(complaint, following)
    return following


def _choose(actor: User | None, stage: Stage, choice: str, today: date) -> None:
    stage.school_choice, stage.chosen_by, stage.chosen_on = choice, actor, today
    stage.save(update_fields=["school_choice", "chosen_by", "chosen_on"])


def accept_outcome(actor: User, complaint: Complaint, today: date | None = None) -> Complaint:
    """The school accepts the current stage's outcome, which closes the complaint."""
    access.require(actor, "complaint.respond", complaint)
    today = _today(today)
    with transaction.atomic():
        complaint, stage = _lock(complaint)
        _refuse(answer_refusal(complaint, stage))
        before = _state(complaint, stage)
        _choose(actor, stage, Stage.Choice.ACCEPTED, today)
        _close(complaint, stage.outcome, today)
        after = _state(complaint, stage)
        record_change(actor, verbs.COMPLAINT_OUTCOME_ACCEPTED, complaint, before, after)
        notices.closed(complaint, stage)
    return complaint


def close_lapsed_complaints(today: date | None = None) -> list[Complaint]:
    """Close every complaint whose school did not take an outcome further in time (run daily)."""
    today = _today(today)
    lapsed = Complaint.objects.filter(
        status=Complaint.Status.OPEN,
        stages__decided_on__isnull=False,
        stages__school_choice="",
        stages__answer_due_on__lt=today,
    ).distinct()
    closed = []
    for complaint in lapsed:
        with transaction.atomic():
            complaint, stage = _lock(complaint)
            due = stage.answer_due_on
            if not complaint.is_open or stage.school_choice or due is None or due >= today:
                continue  # answered meanwhile
            before = _state(complaint, stage)
            _choose(None, stage, Stage.Choice.LAPSED, today)
            _close(complaint, stage.outcome, today)
            record_change(None, verbs.COMPLAINT_LAPSED, complaint, before, _state(complaint, stage))
            notices.closed(complaint, stage)
        closed.append(complaint)
    return closed
