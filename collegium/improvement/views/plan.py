"""I1 pages of the action plan: starting it, its page, the list of plans, and the one page where
a head builds the plan (actions with milestones, success measures, support needed), with small
pages to change or remove one item. The review's improvement page and the workshop are in
views/workshop.py."""

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import Form, model_to_dict
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collegium import access
from collegium.frameworks.models import Strand
from collegium.improvement import brokerage, impact
from collegium.improvement.figures import FIGURES, figures_for
from collegium.improvement.forms.plan import ActionForm, MeasureForm, MilestoneForm, NeedForm
from collegium.improvement.models import ActionPlan, Milestone
from collegium.improvement.selectors.overview import plans_for
from collegium.improvement.services import plan_items, plans, workshops
from collegium.pages import posted, render_page
from collegium.pagination import paginate
from collegium.people.selectors import school_leaders
from collegium.reviews.models import Review

EDITABLE = {ActionPlan.Status.DRAFT, ActionPlan.Status.ACTIVE}
PLANS_PER_PAGE = 50


def _revision(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("revision", ""))
    except ValueError:
        return None


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render_page(request, f"improvement/plan/{template}", context)


@require_POST
@login_required
def start_plan(request: HttpRequest, review_pk: int) -> HttpResponse:
    review = access.get_review_improvement_for(request.user, review_pk, "improvement.plan")
    try:
        plan = plans.start_plan(request.user, review)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("improvement:review", review_pk=review.pk)
    messages.success(request, "The action plan has been started. Add its actions below.")
    return redirect("improvement:build", pk=plan.pk)


@require_GET
@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "improvement.view")
    leads = access.roles_of(request.user).leads
    to_start = (
        Review.objects.filter(
            school_id__in=leads,
            status__in=workshops.READY,
            findings__isnull=False,
            action_plan__isnull=True,
        )
        .select_related("school", "findings__priority_strand")
        .order_by("school__name", "-start_date")
    )
    plans_seen = plans_for(request.user)
    shown, pagination = paginate(request, plans_seen, PLANS_PER_PAGE)
    context = {
        "page": shown,
        "pagination": pagination,
        "to_start": list(to_start),
    }
    return _page(request, "list.html", context)


def _contents(plan: ActionPlan, progress: impact.PlanProgress | None = None) -> dict[str, Any]:
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
        "missing": plans.missing_for_agreement(plan) if plan.status == "draft" else [],
        "figures": {key: figure.label for key, figure in FIGURES.items()},
    }


@require_GET
@login_required
def plan_page(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_for(request.user, pk)
    progress = impact.plan_progress(plan)  # also for the included progress and support
    context = _contents(plan, progress) | {
        "progress": progress,
        "support_panels": brokerage.support_panel(plan, request.user),
    }
    context["may_edit"] = plan.status in EDITABLE and access.can(
        request.user, "improvement.plan", plan
    )
    return _page(request, "plan.html", context)


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
    strands = list(Strand.objects.filter(area__version=plan.review.framework_version_id))
    if kind == "measure":
        return MeasureForm(data, strands, figures_for(plan.review.school), **kwargs)
    return NeedForm(data, strands, **kwargs)


def _items(plan: ActionPlan, kind: str) -> QuerySet[Any]:
    if kind == "milestone":
        return Milestone.objects.filter(action__plan=plan)
    related = {"action": "actions", "measure": "measures", "need": "support_needs"}[kind]
    return getattr(plan, related).all()


def _build_page(
    request: HttpRequest, plan: ActionPlan, bound: dict[str, Form], revision: int | None = None
) -> HttpResponse:
    initial = {kind: {"strand": plan.priority_strand_id} for kind in ("measure", "need")}
    forms = {
        kind: bound.get(kind) or _form(plan, kind, None, prefix=kind, initial=initial.get(kind))
        for kind in ADD
    }
    context = _contents(plan) | {"forms": forms, "revision": revision or plan.revision}
    context["form"] = next((form for form in bound.values() if form.errors), None)
    return _page(request, "build.html", context)


def build_url(plan: ActionPlan, anchor: str) -> str:
    return reverse("improvement:build", kwargs={"pk": plan.pk}) + f"#{anchor}"


@require_GET
@login_required
def build(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_for(request.user, pk, "improvement.plan")
    if plan.status not in EDITABLE:
        messages.error(request, "The action plan is completed, so it can no longer change.")
        return redirect("improvement:plan", pk=plan.pk)
    return _build_page(request, plan, {})


def _save(
    request: HttpRequest, plan: ActionPlan, form: Form, save: Callable[..., Any]
) -> tuple[bool, int | None]:
    """Run the service on a valid form; on refusal, put the reason on the form. Also says which
    revision the page shows next: the one submitted, or the plan's own after a conflict."""
    if request.method != "POST":
        return False, None
    revision = _revision(request)
    if not form.is_valid():
        return False, revision
    try:
        save(request.user, revision=revision, **form.cleaned_data)
    except plans.PlanConflict as error:
        form.add_error(None, error)
        plan.refresh_from_db()
        return False, None
    except ValidationError as error:
        form.add_error(None, error)
        return False, revision
    return True, revision


@require_POST
@login_required
def add_item(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    plan = access.get_plan_for(request.user, pk, "improvement.plan")
    form = _form(plan, kind, request.POST, prefix=kind)
    done, revision = _save(request, plan, form, partial(ADD[kind], plan=plan))
    if done:
        messages.success(request, f"The {NOUNS[kind]} has been added.")
        return redirect(build_url(plan, f"{kind}s"))
    return _build_page(request, plan, {kind: form}, revision)


@require_http_methods(["GET", "POST"])
@login_required
def change_status(request: HttpRequest, pk: int, to: str) -> HttpResponse:
    """Agree the plan (draft → under way) or complete it (under way → completed). Completing
    asks first, naming the milestones not done: a head may close a plan before they all are."""
    plan = access.get_plan_for(request.user, pk, "improvement.plan")
    if request.method == "GET":
        return (
            _complete_page(request, plan) if to == "complete" else HttpResponseNotAllowed(["POST"])
        )
    change = plans.agree_plan if to == "agree" else plans.complete_plan
    try:
        change(request.user, plan, _revision(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        to_build = to == "agree" and plan.status == ActionPlan.Status.DRAFT
        return redirect("improvement:build" if to_build else "improvement:plan", pk=plan.pk)
    if to == "agree":
        return _agreed(request, plan)
    messages.success(request, "The action plan has been marked as completed.")
    return redirect("improvement:plan", pk=plan.pk)


def _agreed(request: HttpRequest, plan: ActionPlan) -> HttpResponse:
    """Straight on to asking for support, when the plan needs some and the person may ask."""
    said = "The action plan has been agreed and is now under way."
    if plan.support_needs.exists() and access.can(request.user, "support.request", plan):
        messages.success(request, f"{said} Next, ask a school for the support you need.")
        return redirect(reverse("improvement:plan", kwargs={"pk": plan.pk}) + "#support")
    messages.success(request, said)
    return redirect("improvement:plan", pk=plan.pk)


def _complete_page(request: HttpRequest, plan: ActionPlan) -> HttpResponse:
    if plan.status != ActionPlan.Status.ACTIVE:
        messages.error(request, "Only an action plan that is under way can be marked as completed.")
        return redirect("improvement:plan", pk=plan.pk)
    not_done = Milestone.objects.filter(action__plan=plan).exclude(status=Milestone.Status.DONE)
    context = {"plan": plan, "review": plan.review, "not_done": list(not_done)}
    return _page(request, "complete.html", context)


# Changing or removing one item, and adding a milestone to an action


def _item(request: HttpRequest, pk: int, kind: str, item_pk: int) -> tuple[ActionPlan, Any]:
    plan = access.get_plan_for(request.user, pk, "improvement.plan")
    return plan, get_object_or_404(_items(plan, kind), pk=item_pk)


def _item_page(
    request: HttpRequest, plan: ActionPlan, template: str, revision: int | None, **context: Any
) -> HttpResponse:
    context |= {"plan": plan, "review": plan.review, "revision": revision or plan.revision}
    return _page(request, template, context)


@login_required
def change_item(request: HttpRequest, pk: int, kind: str, item_pk: int) -> HttpResponse:
    plan, item = _item(request, pk, kind, item_pk)
    initial = model_to_dict(item, FIELDS[kind])
    form = _form(plan, kind, posted(request), adding=False, initial=initial)
    done, revision = _save(request, plan, form, partial(CHANGE[kind], **{kind: item}))
    if done:
        messages.success(request, f"The {NOUNS[kind]} has been changed.")
        return redirect(build_url(plan, f"{kind}-{item.pk}"))
    title = f"Change the {NOUNS[kind]}"
    return _item_page(request, plan, "item.html", revision, form=form, title=title)


@login_required
def add_milestone(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    plan, action = _item(request, pk, "action", item_pk)
    form = MilestoneForm(posted(request))
    done, revision = _save(request, plan, form, partial(plan_items.add_milestone, action=action))
    if done:
        messages.success(request, "The milestone has been added.")
        return redirect(build_url(plan, f"action-{action.pk}"))
    title = f"Add a milestone to “{action.description[:60]}”"
    return _item_page(request, plan, "item.html", revision, form=form, title=title)


@login_required
def remove_item(request: HttpRequest, pk: int, kind: str, item_pk: int) -> HttpResponse:
    plan, item = _item(request, pk, kind, item_pk)
    form = Form(posted(request))
    done, revision = _save(request, plan, form, partial(REMOVE[kind], **{kind: item}))
    if done:
        messages.success(request, f"The {NOUNS[kind]} has been removed.")
        return redirect(build_url(plan, "actions" if kind == "milestone" else f"{kind}s"))
    context = {"form": form, "item": item, "noun": NOUNS[kind]}
    return _item_page(request, plan, "remove.html", revision, **context)
