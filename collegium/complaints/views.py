"""C1 pages: make a complaint, follow it, decide a stage, take it further or accept it, assign a
stage's handler, the network admin's open complaints and the public statistics."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
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
from collegium.complaints.models import Complaint, Stage
from collegium.pages import form_page, posted
from collegium.reviews.models import Concern, Review
from collegium.reviews.services.judgements import level_label
from collegium.types import AuthenticatedHttpRequest
from collegium.words import lower_first


def _complaint_url(complaint: Complaint) -> str:
    return reverse("complaints:complaint", args=[complaint.pk])


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
def raise_complaint(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "complaint.raise")
    concern = _concern(request, review)

    def apply(data: dict[str, Any]) -> Complaint:
        return services.raise_complaint(
            request.user,
            review,
            strands=list(data["strands"]),
            about_conduct="conduct" in data["other"],
            about_process="process" in data["other"],
            grounds=data["grounds"],
            outcome_sought=data["outcome_sought"],
            concern=concern,
        )

    return form_page(
        request,
        ComplaintForm(review, posted(request), initial=_initial(concern)),
        apply,
        done="Your complaint has been sent",
        next_url=_complaint_url,
        page=lambda: {
            "review": review,
            "concern": concern,
            "refusal": services.raise_refusal(request.user, review, timezone.localdate()),
        },
        template="complaints/raise.html",
    )


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
def decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = access.get_complaint_for(request.user, pk, "complaint.decide")
    form = DecisionForm(posted(request), selectors.levels_to_decide(found))

    def context() -> dict[str, Any]:
        stage = selectors.stages_of(found)[-1]
        refusal = services.decision_refusal(found, stage)
        return {"complaint": found, "stage": stage, "refusal": refusal}

    return form_page(
        request,
        form,
        lambda data: services.decide_stage(
            request.user, found, data["outcome"], data["reasons"], form.levels()
        ),
        done="The outcome has been recorded and every party told",
        next_url=_complaint_url(found),
        page=context,
        template="complaints/decide.html",
    )


@login_required
def respond(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = access.get_complaint_for(request.user, pk, "complaint.respond")
    stage = selectors.stages_of(found)[-1]
    following = Stage.Number(min(stage.number + 1, Stage.Number.HEARING))

    def apply(data: dict[str, Any]) -> str:
        if data["choice"] == ACCEPT:
            services.accept_outcome(request.user, found)
            return "You have accepted the outcome"
        services.escalate(request.user, found)
        return f"You have taken the complaint to stage {following}"

    return form_page(
        request,
        RespondForm(posted(request), f"stage {following.value}, {lower_first(following.label)}"),
        apply,
        done=lambda said: said,
        next_url=_complaint_url(found),
        page=lambda: {
            "complaint": found,
            "stage": stage,
            "refusal": services.answer_refusal(found, stage),
        },
        template="complaints/respond.html",
    )


@login_required
def assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = access.get_complaint_for(request.user, pk, "complaint.assign")
    stage = selectors.stages_of(found)[-1]
    number = max(stage.number, Stage.Number.REVIEW)

    def context() -> dict[str, Any]:
        return {
            "complaint": found,
            "stage": stage,
            "eligible": eligibility.eligible_handlers(found, number) if stage.number > 1 else [],
            "role": selectors.STAGE_ROLES[number],
            "refusal": services.assignment_refusal(found, stage),
        }

    return form_page(
        request,
        AssignForm(posted(request), eligibility.role_holders(number)),
        lambda data: services.assign_handler(request.user, found, data["handler"]),
        done=f"Stage {stage.number} has been assigned",
        next_url=_complaint_url(found),
        page=context,
        template="complaints/assign.html",
    )


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
