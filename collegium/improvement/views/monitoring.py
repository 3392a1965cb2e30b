"""I3 pages: check-ins on milestones and readings of measures (the school's leaders, while the
plan is under way; everyone who may read the plan sees the history), the previous priority
revisited at the school's next review (its lead reviewer), and the impact page."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from collegium import access
from collegium.improvement.forms.monitoring import CheckInForm, OutcomeForm, ReadingForm
from collegium.improvement.models import ActionPlan
from collegium.improvement.selectors import monitoring as selectors
from collegium.improvement.selectors.impact import describe, plan_impact, plan_progress
from collegium.improvement.services import monitoring as services
from collegium.pages import form_page, posted, render_page
from collegium.types import AuthenticatedHttpRequest

TEMPLATES = "improvement/monitoring/"


def _plan(request: HttpRequest, pk: int) -> ActionPlan:
    """Anyone who may read the plan sees the page; only its school's leaders may post."""
    action = "improvement.check_in" if request.method == "POST" else "improvement.view"
    return access.get_plan_for(request.user, pk, action)


def _refusal(request: HttpRequest, plan: ActionPlan) -> str | None:
    """Why the person cannot check in or record a reading now ("" if they can), or None when
    they may not at all (the page then shows only the history)."""
    if not access.can(request.user, "improvement.check_in", plan):
        return None
    return services.not_under_way_reason(plan)


def _history(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render_page(request, TEMPLATES + template, {"form": None, **context})


@login_required
def check_in(request: AuthenticatedHttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    milestone = selectors.milestone_of(plan, milestone_pk)
    refusal = _refusal(request, plan)

    def shown() -> dict[str, Any]:
        check_ins = selectors.check_ins_of(milestone)
        return {"plan": plan, "milestone": milestone, "check_ins": check_ins, "refusal": refusal}

    if request.method != "POST" and refusal != "":
        return _history(request, "check_in.html", shown())
    return form_page(
        request,
        CheckInForm(posted(request), initial={"status": milestone.status}),
        lambda data: services.check_in(request.user, milestone, **data),
        done="Your check-in has been recorded.",
        next_url=reverse("improvement:plan", args=[plan.pk]),
        page=shown,
        template=TEMPLATES + "check_in.html",
    )


@login_required
def reading(request: AuthenticatedHttpRequest, pk: int, measure_pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    measure = selectors.measure_of(plan, measure_pk)
    refusal = _refusal(request, plan)

    def shown() -> dict[str, Any]:
        readings = selectors.readings_of(measure)
        return {"plan": plan, "measure": measure, "readings": readings, "refusal": refusal}

    if request.method != "POST" and refusal != "":
        return _history(request, "reading.html", shown())
    return form_page(
        request,
        ReadingForm(posted(request)),
        lambda data: services.record_reading(request.user, measure, **data),
        done="The reading has been recorded.",
        next_url=reverse("improvement:plan", args=[plan.pk]),
        page=shown,
        template=TEMPLATES + "reading.html",
    )


@login_required
def revisit(request: AuthenticatedHttpRequest, review_pk: int) -> HttpResponse:
    """The school's previous priority, revisited at its next review by the lead reviewer: what
    the school did, then the outcome, recorded once and then shown, with a link to change it
    (`?change=1`) while the review may."""
    review = access.get_review_for(request.user, review_pk, "improvement.record_outcome")
    plan = services.previous_plan(review)
    refusal = services.revisit_refusal(review, plan)
    context = {
        "review": review,
        "plan": plan,
        "progress": plan_progress(plan) if plan else None,
        "refusal": refusal,
    }
    asking = not refusal and (not plan or not plan.outcome or request.GET.get("change"))
    if plan is None or (request.method != "POST" and not asking):
        return _history(request, "revisit.html", context)
    initial = {"outcome": plan.outcome, "note": plan.outcome_note}
    return form_page(
        request,
        OutcomeForm(posted(request), initial=initial),
        lambda data: services.record_outcome(request.user, review, plan, **data),
        done="The outcome of the previous priority has been recorded.",
        next_url=reverse("improvement:revisit", kwargs={"review_pk": review.pk}),
        page=context,
        template=TEMPLATES + "revisit.html",
    )


@require_GET
@login_required
def impact(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_for(request.user, pk)
    context = {"plan": plan, "impact": plan_impact(plan), "describe": describe}
    return render_page(request, TEMPLATES + "impact.html", context)
