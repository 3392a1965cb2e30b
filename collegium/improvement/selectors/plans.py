"""Reads for the action plan's pages (I1): the reviews waiting for a plan, the plan with its
items, one item of it, and what its pages choose from."""

from typing import Any

from django.db.models import Model, QuerySet

from collegium import access
from collegium.frameworks.models import Strand
from collegium.improvement.models import Action, ActionPlan, Milestone
from collegium.improvement.selectors.figures import FIGURES
from collegium.improvement.selectors.impact import PlanProgress
from collegium.improvement.services.plans import missing_for_agreement
from collegium.improvement.services.workshops import READY
from collegium.reviews.models import Review
from collegium.types import Person


def plans_to_start(user: Person) -> list[Review]:
    """Reviews of the schools the person leads with an agreed priority and no plan yet."""
    leads = access.roles_of(user).leads
    reviews = (
        Review.objects.filter(
            school_id__in=leads,
            status__in=READY,
            findings__isnull=False,
            action_plan__isnull=True,
        )
        .select_related("school", "findings__priority_strand")
        .order_by("school__name", "-start_date")
    )
    return list(reviews)


def plan_contents(plan: ActionPlan, progress: PlanProgress | None = None) -> dict[str, Any]:
    """The plan with its items, read once for the plan and build pages (from its progress when
    the page shows that too)."""
    if progress is None:
        related = plan.actions.select_related("owner").prefetch_related("milestones__check_ins")
        actions, measures = list(related), list(plan.measures.select_related("strand"))
    else:
        actions = [item.action for item in progress.actions]
        measures = [item.measure for item in progress.measures]
    return {
        "plan": plan,
        "review": plan.review,
        "actions": actions,
        "measures": measures,
        "needs": list(plan.support_needs.select_related("strand")),
        "missing": missing_for_agreement(plan) if plan.status == ActionPlan.Status.DRAFT else [],
        "figures": {key: figure.label for key, figure in FIGURES.items()},
    }


def strands_of(plan: ActionPlan) -> list[Strand]:
    """The strands of the framework the plan's review used: what a measure or need is about."""
    return list(Strand.objects.filter(area__version=plan.review.framework_version_id))


def _items(plan: ActionPlan, kind: str) -> QuerySet[Any]:
    if kind == "milestone":
        return Milestone.objects.filter(action__plan=plan)
    related = {"action": "actions", "measure": "measures", "need": "support_needs"}[kind]
    items: QuerySet[Any] = getattr(plan, related).all()
    return items


def item_of(plan: ActionPlan, kind: str, pk: int) -> Model:
    """One item of the plan (an action, milestone, measure or need), or 404."""
    item: Model = access.get_part(_items(plan, kind), pk=pk)
    return item


def action_of(plan: ActionPlan, pk: int) -> Action:
    return access.get_part(plan.actions.all(), pk=pk)


def still_missing(plan: ActionPlan) -> list[str]:
    """What the plan still needs before it can be agreed, in words."""
    return missing_for_agreement(plan)


def milestones_not_done(plan: ActionPlan) -> list[Milestone]:
    return list(Milestone.objects.filter(action__plan=plan).exclude(status=Milestone.Status.DONE))


def has_support_needs(plan: ActionPlan) -> bool:
    return plan.support_needs.exists()


def current_revision(plan: ActionPlan) -> int:
    """The plan's revision as saved now (after someone else's change)."""
    revision: int = ActionPlan.objects.values_list("revision", flat=True).get(pk=plan.pk)
    return revision
