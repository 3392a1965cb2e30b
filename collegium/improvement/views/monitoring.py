"""I3 pages: check-ins on milestones and readings of measures (the school's leaders, while the
plan is under way; everyone who may read the plan sees the history), the previous priority
revisited at the school's next review (its lead reviewer), and the impact page."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from collegium import access
from collegium.improvement.forms.monitoring import CheckInForm, OutcomeForm, ReadingForm
from collegium.improvement.impact import describe, plan_impact, plan_progress
from collegium.improvement.models import ActionPlan, Milestone, SuccessMeasure
from collegium.improvement.services import monitoring as services


def _render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    form = context.get("form")
    status = 400 if isinstance(form, Form) and form.errors else 200
    return render(request, f"improvement/monitoring/{template}", context, status=status)


def _plan(request: HttpRequest, pk: int) -> ActionPlan:
    """Anyone who may read the plan sees the page; only its school's leaders may post."""
    action = "improvement.check_in" if request.method == "POST" else "improvement.view"
    return access.get_plan_for(request.user, pk, action)


def _may_monitor(request: HttpRequest, plan: ActionPlan) -> bool:
    return access.can(request.user, "improvement.check_in", plan)


@login_required
def check_in(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    milestones = Milestone.objects.select_related("action__owner")
    milestone = get_object_or_404(milestones, pk=milestone_pk, action__plan=plan)
    form = None
    if request.method == "POST":
        form = CheckInForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.check_in(request.user, milestone, data["status"], data["evidence"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Your check-in has been recorded.")
                return redirect("improvement:plan", pk=plan.pk)
    elif _may_monitor(request, plan) and not services.not_under_way_reason(plan):
        form = CheckInForm(initial={"status": milestone.status})
    context = {
        "plan": plan,
        "milestone": milestone,
        "form": form,
        "check_ins": list(milestone.check_ins.select_related("recorded_by")),
        "refusal": services.not_under_way_reason(plan) if _may_monitor(request, plan) else "",
    }
    return _render(request, "check_in.html", context)


@login_required
def reading(request: HttpRequest, pk: int, measure_pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    measures = SuccessMeasure.objects.filter(plan=plan, kind__in=services.READ_KINDS)
    measure = get_object_or_404(measures, pk=measure_pk)
    form = None
    if request.method == "POST":
        form = ReadingForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_reading(
                    request.user, measure, data["taken_on"], data["value"], data["note"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "The reading has been recorded.")
                return redirect("improvement:plan", pk=plan.pk)
    elif _may_monitor(request, plan) and not services.not_under_way_reason(plan):
        form = ReadingForm()
    context = {
        "plan": plan,
        "measure": measure,
        "form": form,
        "readings": list(measure.readings.select_related("recorded_by").order_by("-taken_on")),
        "refusal": services.not_under_way_reason(plan) if _may_monitor(request, plan) else "",
    }
    return _render(request, "reading.html", context)


@login_required
def revisit(request: HttpRequest, review_pk: int) -> HttpResponse:
    """The school's previous priority, revisited at its next review by the lead reviewer: what
    the school did, then the outcome, recorded once and then shown, with a link to change it
    (`?change=1`) while the review may."""
    review = access.get_review_for(request.user, review_pk, "improvement.record_outcome")
    plan = services.previous_plan(review)
    refusal = services.revisit_refusal(review, plan)
    form = None
    if plan is not None and request.method == "POST":
        form = OutcomeForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_outcome(request.user, review, plan, data["outcome"], data["note"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "The outcome of the previous priority has been recorded.")
                return redirect("improvement:revisit", review_pk=review.pk)
    elif plan is not None and not refusal and (not plan.outcome or request.GET.get("change")):
        form = OutcomeForm(initial={"outcome": plan.outcome, "note": plan.outcome_note})
    context = {
        "review": review,
        "plan": plan,
        "progress": plan_progress(plan) if plan else None,
        "form": form,
        "refusal": refusal,
    }
    return _render(request, "revisit.html", context)


@require_GET
@login_required
def impact(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_for(request.user, pk)
    context = {"plan": plan, "impact": plan_impact(plan), "describe": describe}
    return _render(request, "impact.html", context)
