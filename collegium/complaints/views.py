"""C1 pages: make a complaint, follow it, decide a stage, take it further or accept it, assign a
stage's handler, the network admin's open complaints and the public statistics."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from collegium import access
from collegium.complaints import eligibility, selectors, services, statistics
from collegium.complaints.forms import (
    ACCEPT,
    AssignForm,
    ComplaintForm,
    DecisionForm,
    RespondForm,
)
from collegium.complaints.models import Stage
from collegium.pages import posted, render_page
from collegium.reviews.models import Concern, Review
from collegium.reviews.services.judgements import level_label
from collegium.words import lower_first


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render_page(request, f"complaints/{template}", context)


def _concern(request: HttpRequest, review: Review) -> Concern | None:
    """The concern the complaint takes further (`?concern=` or the form's hidden field)."""
    pk = request.POST.get("concern") or request.GET.get("concern") or ""
    return review.concerns.filter(pk=pk).first() if pk.isdigit() else None


def _initial(concern: Concern | None) -> dict[str, str]:
    if concern is None:
        return {}
    answer = f"\n\nThe lead reviewer's answer: {concern.response}" if concern.is_answered else ""
    return {"grounds": f"The concern I raised during the visit: {concern.text}{answer}"}


@login_required
def raise_complaint(request: HttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "complaint.raise")
    concern = _concern(request, review)
    form = ComplaintForm(review, posted(request), initial=_initial(concern))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            complaint = services.raise_complaint(
                request.user,
                review,
                strands=list(data["strands"]),
                about_conduct="conduct" in data["other"],
                about_process="process" in data["other"],
                grounds=data["grounds"],
                outcome_sought=data["outcome_sought"],
                concern=concern,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your complaint has been sent")
            return redirect("complaints:complaint", pk=complaint.pk)
    refusal = services.raise_refusal(request.user, review, timezone.localdate())
    context = {"review": review, "form": form, "concern": concern, "refusal": refusal}
    return _page(request, "raise.html", context)


@login_required
def complaint(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_complaint_for(request.user, pk)
    today = timezone.localdate()
    version = found.review.framework_version
    context = {
        "page": selectors.complaint_page(found, request.user, today),
        "today": today,
        "level_label": lambda strand, level: level_label(version, strand, level) or "No level",
    }
    return render(request, "complaints/complaint.html", context)


@login_required
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_complaint_for(request.user, pk, "complaint.decide")
    form = DecisionForm(posted(request), selectors.levels_to_decide(found))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.decide_stage(
                request.user, found, data["outcome"], data["reasons"], form.levels()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The outcome has been recorded and every party told")
            return redirect("complaints:complaint", pk=found.pk)
    stage = selectors.stages_of(found)[-1]
    context = {
        "complaint": found,
        "stage": stage,
        "form": form,
        "refusal": services.decision_refusal(found, stage),
    }
    return _page(request, "decide.html", context)


@login_required
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_complaint_for(request.user, pk, "complaint.respond")
    stage = selectors.stages_of(found)[-1]
    following = Stage.Number(min(stage.number + 1, Stage.Number.HEARING))
    form = RespondForm(posted(request), f"stage {following.value}, {lower_first(following.label)}")
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["choice"] == ACCEPT
        try:
            if accept:
                services.accept_outcome(request.user, found)
            else:
                services.escalate(request.user, found)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            done = "accepted the outcome" if accept else f"taken the complaint to stage {following}"
            messages.success(request, f"You have {done}")
            return redirect("complaints:complaint", pk=found.pk)
    context = {
        "complaint": found,
        "stage": stage,
        "form": form,
        "refusal": services.answer_refusal(found, stage),
    }
    return _page(request, "respond.html", context)


@login_required
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_complaint_for(request.user, pk, "complaint.assign")
    stage = selectors.stages_of(found)[-1]
    number = max(stage.number, Stage.Number.REVIEW)
    form = AssignForm(posted(request), eligibility.role_holders(number))
    if request.method == "POST" and form.is_valid():
        try:
            services.assign_handler(request.user, found, form.cleaned_data["handler"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Stage {stage.number} has been assigned")
            return redirect("complaints:complaint", pk=found.pk)
    context = {
        "complaint": found,
        "stage": stage,
        "form": form,
        "eligible": eligibility.eligible_handlers(found, number) if stage.number > 1 else [],
        "role": selectors.STAGE_ROLES[number],
        "refusal": services.assignment_refusal(found, stage),
    }
    return _page(request, "assign.html", context)


@login_required
def open_complaints(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "complaint.assign")
    rows = selectors.open_complaints(timezone.localdate())
    context = {"rows": rows, "missed": [row for row in rows if row.late]}
    return render(request, "complaints/open.html", context)


def public_statistics(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "complaint.statistics")
    context = {"terms": statistics.by_term(timezone.localdate())}
    return render(request, "complaints/statistics.html", context)
