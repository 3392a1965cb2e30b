"""I1: the items of an action plan — actions with owners and dated milestones, success measures
and support needs — added, changed and removed through `plans.edit_plan`, so each edit carries
the plan's revision and is audited on the plan. Items that others rely on (checked in on, with
readings, asked about) are protected from change or removal."""

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import snapshot
from collegium.frameworks.models import Strand
from collegium.improvement.models import (
    Action,
    ActionPlan,
    CheckIn,
    Milestone,
    SuccessMeasure,
    SupportNeed,
)
from collegium.improvement.selectors.figures import FIGURES
from collegium.improvement.services.plans import edit_plan
from collegium.people.selectors import school_leaders

Kind = SuccessMeasure.Kind
MEASURE_FIELDS = ["kind", "description", "strand_id", "context_figure", "baseline", "target"]
MAX_DAYS_WANTED = 60


def _text(value: str, field: str, message: str) -> str:
    if not (value := (value or "").strip()):
        raise ValidationError({field: message})
    return value


def _owner(plan: ActionPlan, owner: User | None) -> User:
    if owner is None or not school_leaders(plan.review.school_id).filter(pk=owner.pk).exists():
        raise ValidationError({"owner": "Choose the action's owner from the school's leaders"})
    return owner


def _due(due_on: date | None) -> date:
    if due_on is None or due_on <= date.today():
        raise ValidationError({"due_on": "The milestone's due date must be in the future"})
    return due_on


def _strand(plan: ActionPlan, strand: Strand | None, message: str) -> Strand:
    version_id = plan.review.framework_version_id
    if strand is None or strand.area.version_id != version_id:
        raise ValidationError({"strand": message})
    return strand


# Items of the plan: actions, milestones, success measures, support needs

# What the audit trail says when an item is added, changed or removed.
VERBS: dict[type[models.Model], tuple[str, str, str]] = {
    Action: (verbs.ACTION_ADDED, verbs.ACTION_CHANGED, verbs.ACTION_REMOVED),
    Milestone: (verbs.MILESTONE_ADDED, verbs.MILESTONE_CHANGED, verbs.MILESTONE_REMOVED),
    SuccessMeasure: (
        verbs.SUCCESS_MEASURE_ADDED,
        verbs.SUCCESS_MEASURE_CHANGED,
        verbs.SUCCESS_MEASURE_REMOVED,
    ),
    SupportNeed: (
        verbs.SUPPORT_NEED_ADDED,
        verbs.SUPPORT_NEED_CHANGED,
        verbs.SUPPORT_NEED_REMOVED,
    ),
}
type State = Callable[[Any], dict[str, Any]]
type Fields = Callable[[ActionPlan], dict[str, Any]]
type Edits[M] = Callable[[ActionPlan, M], dict[str, Any]]  # the fields to change, given the item
type Refusal = Callable[[], str]  # why the item cannot be removed, or ""


def _add[M: models.Model](
    actor: User,
    plan: ActionPlan,
    revision: int | None,
    model: type[M],
    state: State,
    fields: Fields,
) -> M:
    def change(plan: ActionPlan) -> tuple[M, None, dict[str, Any]]:
        item = model._default_manager.create(**fields(plan))
        return item, None, state(item)

    return edit_plan(actor, plan, revision, VERBS[model][0], change)


def _change[M: models.Model](
    actor: User, item: M, plan: ActionPlan, revision: int | None, state: State, edits: Edits[M]
) -> M:
    """Change some fields of one item. The item is read again under a row lock and only the
    edited fields are saved, so a check-in or reminder recorded meanwhile is kept."""

    def change(plan: ActionPlan) -> tuple[M, dict[str, Any], dict[str, Any]]:
        current = type(item)._default_manager.select_for_update().get(pk=item.pk)
        before = state(current)
        values = edits(plan, current)
        values.pop("plan", None)
        for name, value in values.items():
            setattr(current, name, value)
        current.save(update_fields=list(values))
        return current, before, state(current)

    return edit_plan(actor, plan, revision, VERBS[type(item)][1], change)


def _remove(
    actor: User, item: Any, plan: ActionPlan, revision: int | None, state: State, refusal: Refusal
) -> None:
    def change(plan: ActionPlan) -> tuple[None, dict[str, Any], None]:
        reason = refusal()
        if reason:
            raise ValidationError(reason)
        before = state(item)
        item.delete()
        return None, before, None

    edit_plan(actor, plan, revision, VERBS[type(item)][2], change)


def _action_state(action: Action) -> dict[str, Any]:
    state = {"action": action.pk, "description": action.description, "owner": str(action.owner)}
    state["milestones"] = [_milestone_state(m) for m in action.milestones.all()]
    return state


def _milestone_state(milestone: Milestone) -> dict[str, Any]:
    state = snapshot(milestone, ["description", "due_on", "status"])
    return {"milestone": milestone.pk, "action": milestone.action_id, **state}


def add_action(
    actor: User,
    plan: ActionPlan,
    revision: int | None,
    description: str,
    owner: User | None,
    milestone: str,
    due_on: date | None,
) -> Action:
    """An action with its owner and its first milestone."""
    description = _text(description, "description", "Enter what the action is")
    milestone = _text(milestone, "milestone", "Enter the action's first milestone")
    due_on = _due(due_on)

    def change(plan: ActionPlan) -> tuple[Action, None, dict[str, Any]]:
        chosen, position = _owner(plan, owner), plan.actions.count() + 1
        action = Action.objects.create(
            plan=plan, position=position, description=description, owner=chosen
        )
        Milestone.objects.create(action=action, description=milestone, due_on=due_on)
        return action, None, _action_state(action)

    return edit_plan(actor, plan, revision, verbs.ACTION_ADDED, change)


def change_action(
    actor: User, action: Action, revision: int | None, description: str, owner: User | None
) -> Action:
    description = _text(description, "description", "Enter what the action is")
    return _change(
        actor,
        action,
        action.plan,
        revision,
        _action_state,
        lambda plan, action: {"description": description, "owner": _owner(plan, owner)},
    )


def remove_action(actor: User, action: Action, revision: int | None) -> None:
    def refusal() -> str:
        if CheckIn.objects.filter(milestone__action=action).exists():
            return "This action cannot be removed because its milestones have been checked in on"
        return ""

    _remove(actor, action, action.plan, revision, _action_state, refusal)


def add_milestone(
    actor: User, action: Action, revision: int | None, description: str, due_on: date | None
) -> Milestone:
    fields = {
        "action": action,
        "description": _text(description, "description", "Enter the milestone"),
        "due_on": _due(due_on),
    }
    return _add(actor, action.plan, revision, Milestone, _milestone_state, lambda plan: fields)


def change_milestone(
    actor: User, milestone: Milestone, revision: int | None, description: str, due_on: date | None
) -> Milestone:
    """A milestone's wording or date; an unchanged date may already have passed. A new date
    starts its overdue reminders afresh."""
    description = _text(description, "description", "Enter the milestone")

    def edits(plan: ActionPlan, current: Milestone) -> dict[str, Any]:
        if due_on == current.due_on:
            return {"description": description}
        return {"description": description, "due_on": _due(due_on), "reminded_on": None}

    plan = milestone.action.plan
    return _change(actor, milestone, plan, revision, _milestone_state, edits)


def remove_milestone(actor: User, milestone: Milestone, revision: int | None) -> None:
    def refusal() -> str:
        if milestone.check_ins.exists():
            return "This milestone cannot be removed because it has been checked in on"
        if milestone.action.milestones.count() == 1:
            return (
                "Every action needs at least one milestone: add another milestone first, "
                "or remove the action"
            )
        return ""

    _remove(actor, milestone, milestone.action.plan, revision, _milestone_state, refusal)


def _measure_fields(plan: ActionPlan, values: dict[str, Any]) -> dict[str, Any]:
    """Check a measure's values for its kind; keep only the field its kind uses."""
    kind = values.get("kind")
    if kind not in Kind.values:
        raise ValidationError({"kind": "Choose what kind of measure it is"})
    description = _text(values.get("description", ""), "description", "Describe the measure")
    fields = {"plan": plan, "kind": kind, "description": description, "strand": None}
    fields |= {name: (values.get(name) or "").strip() for name in ("baseline", "target")}
    fields["context_figure"] = values.get("context_figure") or ""
    if kind == Kind.STRAND:
        message = "Choose the strand of the review's framework this measure follows"
        fields["strand"] = _strand(plan, values.get("strand"), message)
    if kind != Kind.CONTEXT:
        fields["context_figure"] = ""
    elif fields["context_figure"] not in FIGURES:
        message = "Choose the figure from the school's context data"
        raise ValidationError({"context_figure": message})
    return fields


def _measure_state(measure: SuccessMeasure) -> dict[str, Any]:
    return {"measure": measure.pk, **snapshot(measure, MEASURE_FIELDS)}


def add_measure(
    actor: User, plan: ActionPlan, revision: int | None, **values: Any
) -> SuccessMeasure:
    """A success measure: kind, description, and strand or context figure, baseline, target."""
    fields = partial(_measure_fields, values=values)
    return _add(actor, plan, revision, SuccessMeasure, _measure_state, fields)


def change_measure(
    actor: User, measure: SuccessMeasure, revision: int | None, **values: Any
) -> SuccessMeasure:
    """A measure's wording, baseline and target; not its kind once it has readings."""

    def edits(plan: ActionPlan, current: SuccessMeasure) -> dict[str, Any]:
        fields = _measure_fields(plan, values)
        if fields["kind"] != current.kind and current.readings.exists():
            message = (
                "The kind of this success measure cannot change because readings have been "
                "recorded for it: add a new measure instead"
            )
            raise ValidationError({"kind": message})
        return fields

    return _change(actor, measure, measure.plan, revision, _measure_state, edits)


def remove_measure(actor: User, measure: SuccessMeasure, revision: int | None) -> None:
    def refusal() -> str:
        if measure.readings.exists():
            return (
                "This success measure cannot be removed because readings have been recorded for it"
            )
        return ""

    _remove(actor, measure, measure.plan, revision, _measure_state, refusal)


def _need_fields(plan: ActionPlan, values: dict[str, Any]) -> dict[str, Any]:
    """Check a support need: its strand, what is needed, and the days wanted (optional)."""
    description = _text(
        values.get("description", ""), "description", "Describe the support the school needs"
    )
    days_wanted = values.get("days_wanted")
    if days_wanted is not None and not 0 < days_wanted <= MAX_DAYS_WANTED:
        message = "Days wanted must be a number between 0.5 and 60, like 2 or 1.5"
        raise ValidationError({"days_wanted": message})
    strand = _strand(plan, values.get("strand"), "Choose the strand the support is for")
    return {"plan": plan, "strand": strand, "description": description, "days_wanted": days_wanted}


def _need_state(need: SupportNeed) -> dict[str, Any]:
    return {"need": need.pk, **snapshot(need, ["strand_id", "description", "days_wanted"])}


def add_need(actor: User, plan: ActionPlan, revision: int | None, **values: Any) -> SupportNeed:
    """Support the school needs: strand, description, and days wanted."""
    fields = partial(_need_fields, values=values)
    return _add(actor, plan, revision, SupportNeed, _need_state, fields)


def change_need(actor: User, need: SupportNeed, revision: int | None, **values: Any) -> SupportNeed:
    """A need's strand, wording or days wanted, until support is requested for it: the school
    asked would otherwise see a different request from the one it was sent."""

    def edits(plan: ActionPlan, current: SupportNeed) -> dict[str, Any]:
        fields = _need_fields(plan, values)
        if current.requests.exists():
            raise ValidationError(
                "This support need cannot change because support has been requested for it: "
                "add a new support need instead"
            )
        return fields

    return _change(actor, need, need.plan, revision, _need_state, edits)


def remove_need(actor: User, need: SupportNeed, revision: int | None) -> None:
    def refusal() -> str:
        if need.requests.exists():
            return "This support need cannot be removed because support has been requested for it"
        return ""

    _remove(actor, need, need.plan, revision, _need_state, refusal)


# Agreeing and completing the plan
