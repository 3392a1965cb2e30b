"""I1 pages of the action plan: starting it, its page, the list of plans, and the one page where
a head builds the plan (actions with milestones, success measures, support needed), with small
pages to change or remove one item. The review's improvement page and the workshop are in
views/workshop.py."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms import Form, model_to_dict
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collegium import access
from collegium.improvement.forms.plan import ActionForm, MeasureForm, MilestoneForm, NeedForm
from collegium.improvement.models import ActionPlan
from collegium.improvement.selectors import plans as selectors
from collegium.improvement.selectors.figures import figures_for
from collegium.improvement.selectors.impact import plan_progress
from collegium.improvement.selectors.overview import plans_for
from collegium.improvement.services import plan_items, plans
from collegium.pages import confirm_page, form_page, posted, render_page
from collegium.pagination import paginate
from collegium.people.selectors import school_leaders
from collegium.support.selectors.brokerage import support_panel
from collegium.types import AuthenticatedHttpRequest

EDITABLE = {ActionPlan.Status.DRAFT, ActionPlan.Status.ACTIVE}
PLANS_PER_PAGE = 50


def _revision(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("revision", ""))
    except ValueError:
        return None


def _shown_revision(plan: ActionPlan, form: Form, submitted: int | None) -> int:
    """The revision the page carries next: the one submitted, or the plan's own after someone
    else's change refused this one (so the next try can succeed once the person has looked)."""
    if form.has_error(NON_FIELD_ERRORS, plans.CONFLICT):
        return selectors.current_revision(plan)
    return submitted or plan.revision


def plan_url(plan: ActionPlan) -> str:
    return reverse("improvement:plan", args=[plan.pk])


def build_url(plan: ActionPlan, anchor: str) -> str:
    return reverse("improvement:build", kwargs={"pk": plan.pk}) + f"#{anchor}"


@login_required
def start_plan(request: AuthenticatedHttpRequest, review_pk: int) -> HttpResponse:
    review = access.get_review_improvement_for(request.user, review_pk, "improvement.plan")
    page = {
        "title": "Start the action plan",
        "caption": review.school.name,
        "intro": ["The plan starts from the improvement priority the review agreed."],
        "button": "Start the action plan",
        "cancel_url": reverse("improvement:review", args=[review.pk]),
    }
    return form_page(
        request,
        Form(posted(request)),
        lambda data: plans.start_plan(request.user, review),
        done="The action plan has been started. Add its actions below.",
        next_url=lambda plan: reverse("improvement:build", args=[plan.pk]),
        page=page,
    )


@require_GET
@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "improvement.view")
    shown, pagination = paginate(request, plans_for(request.user), PLANS_PER_PAGE)
    context = {
        "page": shown,
        "pagination": pagination,
        "to_start": selectors.plans_to_start(request.user),
    }
    return render_page(request, "improvement/plan/list.html", context)


@require_GET
@login_required
def plan_page(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_for(request.user, pk)
    progress = plan_progress(plan)  # also for the included progress and support
    context = selectors.plan_contents(plan, progress) | {
        "progress": progress,
        "support_panels": support_panel(plan, request.user),
    }
    context["may_edit"] = plan.status in EDITABLE and access.can(
        request.user, "improvement.plan", plan
    )
    return render_page(request, "improvement/plan/plan.html", context)


# Building the plan: one page with a form for each kind of item. Form fields are named as the
# services' parameters, so a valid form's data goes straight to its service.

NOUNS = dict(action="action", milestone="milestone", measure="success measure", need="support need")
ADD: dict[str, Callable[..., Any]] = {
    "action": plan_items.add_action,
    "measure": plan_items.add_measure,
    "need": plan_items.add_need,
}
CHANGE: dict[str, Callable[..., Any]] = {
    "action": plan_items.change_action,
    "milestone": plan_items.change_milestone,
    "measure": plan_items.change_measure,
    "need": plan_items.change_need,
}
REMOVE: dict[str, Callable[..., Any]] = {
    "action": plan_items.remove_action,
    "milestone": plan_items.remove_milestone,
    "measure": plan_items.remove_measure,
    "need": plan_items.remove_need,
}
FIELDS = {
    "action": ["description", "owner"],
    "milestone": ["description", "due_on"],
    "measure": ["kind", "strand", "context_figure", "description", "baseline", "target"],
    "need": ["strand", "description", "days_wanted"],
}


def _form(
    plan: ActionPlan, kind: str, data: QueryDict | None, adding: bool = True, **kwargs: Any
) -> Form:
    """The form for one kind of item; an action's has its first milestone only when adding."""
    if kind == "action":
        leaders = school_leaders(plan.review.school_id)
        return ActionForm(data, leaders, adding=adding, **kwargs)
    if kind == "milestone":
        return MilestoneForm(data, **kwargs)
    strands = selectors.strands_of(plan)
    if kind == "measure":
        return MeasureForm(data, strands, figures_for(plan.review.school), **kwargs)
    return NeedForm(data, strands, **kwargs)


def _build_context(plan: ActionPlan, bound: dict[str, Form], revision: int) -> dict[str, Any]:
    """The build page: the plan, and a form for each kind of item (`bound`: the one posted)."""
    initial = {kind: {"strand": plan.priority_strand_id} for kind in ("measure", "need")}
    forms = {
        kind: bound.get(kind) or _form(plan, kind, None, prefix=kind, initial=initial.get(kind))
        for kind in ADD
    }
    return selectors.plan_contents(plan) | {"forms": forms, "revision": revision}


@require_GET
@login_required
def build(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_for(request.user, pk, "improvement.plan")
    if plan.status not in EDITABLE:
        messages.error(request, "The action plan is completed, so it can no longer change.")
        return redirect("improvement:plan", pk=plan.pk)
    context = _build_context(plan, {}, plan.revision) | {"form": None}
    return render_page(request, "improvement/plan/build.html", context)


@require_POST
@login_required
def add_item(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    plan = access.get_plan_for(request.user, pk, "improvement.plan")
    form = _form(plan, kind, request.POST, prefix=kind)
    revision = _revision(request)
    return form_page(
        request,
        form,
        lambda data: ADD[kind](request.user, plan=plan, revision=revision, **data),
        done=f"The {NOUNS[kind]} has been added.",
        next_url=build_url(plan, f"{kind}s"),
        page=lambda: _build_context(plan, {kind: form}, _shown_revision(plan, form, revision)),
        template="improvement/plan/build.html",
    )


@require_http_methods(["GET", "POST"])
@login_required
def change_status(request: AuthenticatedHttpRequest, pk: int, to: str) -> HttpResponse:
    """Agree the plan (draft → under way) or complete it (under way → completed), each asked on a
    page of its own. Completing names the milestones not done: a head may close a plan before
    they all are."""
    plan = access.get_plan_for(request.user, pk, "improvement.plan")
    if to == "agree":
        return _agree(request, plan)
    if request.method == "GET" and plan.status != ActionPlan.Status.ACTIVE:
        messages.error(request, "Only an action plan that is under way can be marked as completed.")
        return redirect("improvement:plan", pk=plan.pk)
    context = {"review": plan.review, "not_done": selectors.milestones_not_done(plan)}
    return confirm_page(
        request,
        lambda: plans.complete_plan(request.user, plan, _revision(request)),
        done="The action plan has been marked as completed.",
        next_url=plan_url(plan),
        page={"plan": plan, **context},
        template="improvement/plan/complete.html",
    )


def _agree(request: AuthenticatedHttpRequest, plan: ActionPlan) -> HttpResponse:
    """Straight on to asking for support, when the plan needs some and the person may ask."""
    said = "The action plan has been agreed and is now under way."
    asks = selectors.has_support_needs(plan) and access.can(request.user, "support.request", plan)
    return confirm_page(
        request,
        lambda: plans.agree_plan(request.user, plan, _revision(request)),
        done=f"{said} Next, ask a school for the support you need." if asks else said,
        next_url=plan_url(plan) + ("#support" if asks else ""),
        page={"plan": plan, "review": plan.review, "missing": selectors.still_missing(plan)},
        template="improvement/plan/agree.html",
    )


# Changing or removing one item, and adding a milestone to an action


def _item_context(plan: ActionPlan, form: Form, revision: int | None) -> dict[str, Any]:
    return {"plan": plan, "review": plan.review, "revision": _shown_revision(plan, form, revision)}


@login_required
def change_item(request: HttpRequest, pk: int, kind: str, item_pk: int) -> HttpResponse:
    plan = access.get_plan_for(request.user, pk, "improvement.plan")
    item = selectors.item_of(plan, kind, item_pk)
    form = _form(
        plan, kind, posted(request), adding=False, initial=model_to_dict(item, FIELDS[kind])
    )
    revision = _revision(request)
    title = f"Change the {NOUNS[kind]}"
    return form_page(
        request,
        form,
        lambda data: CHANGE[kind](request.user, item, revision=revision, **data),
        done=f"The {NOUNS[kind]} has been changed.",
        next_url=build_url(plan, f"{kind}-{item.pk}"),
        page=lambda: _item_context(plan, form, revision) | {"title": title},
        template="improvement/plan/item.html",
    )


@login_required
def add_milestone(request: AuthenticatedHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    plan = access.get_plan_for(request.user, pk, "improvement.plan")
    action = selectors.action_of(plan, item_pk)
    form = MilestoneForm(posted(request))
    revision = _revision(request)
    title = f"Add a milestone to “{action.description[:60]}”"
    return form_page(
        request,
        form,
        lambda data: plan_items.add_milestone(request.user, action, revision=revision, **data),
        done="The milestone has been added.",
        next_url=build_url(plan, f"action-{action.pk}"),
        page=lambda: _item_context(plan, form, revision) | {"title": title},
        template="improvement/plan/item.html",
    )


@login_required
def remove_item(request: HttpRequest, pk: int, kind: str, item_pk: int) -> HttpResponse:
    plan = access.get_plan_for(request.user, pk, "improvement.plan")
    item = selectors.item_of(plan, kind, item_pk)
    form = Form(posted(request))
    revision = _revision(request)
    context = {"item": item, "noun": NOUNS[kind]}
    return form_page(
        request,
        form,
        lambda data: REMOVE[kind](request.user, item, revision=revision),
        done=f"The {NOUNS[kind]} has been removed.",
        next_url=build_url(plan, "actions" if kind == "milestone" else f"{kind}s"),
        page=lambda: _item_context(plan, form, revision) | context,
        template="improvement/plan/remove.html",
    )
