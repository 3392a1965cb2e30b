"""Downloads of action plans and their progress (I1, I3) as CSV or XLSX (collegium/exports.py):
every plan of the plans list, or one plan; one row per milestone with its action, owner, due
date, status and whether it is overdue. Success measures are left out, so no survey figure is
ever in a download (the plan page shows those only above the small-group threshold)."""

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.decorators import login_required
from django.db.models import Max, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from collegium import access
from collegium.exports import table_response
from collegium.improvement.models import ActionPlan, Milestone
from collegium.improvement.selectors.overdue import overdue_milestones
from collegium.improvement.selectors.overview import plans_for

HEADERS = [
    "School",
    "URN",
    "Review started",
    "Priority strand",
    "Priority",
    "Plan status",
    "Action",
    "Action owner",
    "Milestone",
    "Due",
    "Milestone status",
    "Done on",
    "Overdue",
    "Last check-in",
]


def _plan_cells(plan: ActionPlan) -> list[object]:
    strand = plan.priority_strand
    return [
        plan.review.school.name,
        plan.review.school_id,
        plan.review.start_date,
        f"{strand.code} {strand.title}" if strand else "",
        plan.priority,
        plan.get_status_display(),
    ]


def _milestone_cells(milestone: Milestone, overdue: set[int]) -> list[object]:
    return [
        milestone.action.description,
        milestone.action.owner.full_name,
        milestone.description,
        milestone.due_on,
        milestone.get_status_display(),
        milestone.done_on,
        milestone.pk in overdue,
        milestone.last_check_in,  # type: ignore[attr-defined]
    ]


def _rows(plans: Iterable[ActionPlan], today: date) -> list[list[object]]:
    shown = list(plans)
    overdue = set(overdue_milestones(shown, today).values_list("pk", flat=True))
    milestones = (
        Milestone.objects.filter(action__plan__in=shown)
        .select_related("action__owner")
        .annotate(last_check_in=Max("check_ins__recorded_at"))
        .order_by("action__position", "action__pk", "due_on", "pk")
    )
    by_plan: dict[int, list[Milestone]] = {plan.pk: [] for plan in shown}
    for milestone in milestones:
        by_plan[milestone.action.plan_id].append(milestone)
    rows: list[list[object]] = []
    for plan in shown:
        cells = _plan_cells(plan)
        if not by_plan[plan.pk]:
            rows.append([*cells, *[""] * 8])
        rows += [[*cells, *_milestone_cells(m, overdue)] for m in by_plan[plan.pk]]
    return rows


def _with_parts(plans: QuerySet[ActionPlan]) -> QuerySet[ActionPlan]:
    return plans.select_related("review__school", "priority_strand")


@require_GET
@login_required
def plans_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every plan of the plans list (all its pages), as the list reads them."""
    access.require(request.user, "improvement.view")
    rows = _rows(_with_parts(plans_for(request.user)), timezone.localdate())
    return table_response("action-plans", HEADERS, rows, fmt)


@require_GET
@login_required
def plan_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """One plan, fetched as its page fetches it."""
    plan = access.get_plan_for(request.user, pk)
    rows = _rows(_with_parts(ActionPlan.objects.filter(pk=plan.pk)), timezone.localdate())
    return table_response(f"action-plan-{plan.pk}", HEADERS, rows, fmt)
