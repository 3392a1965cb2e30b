"""Q5 pages: the school answers the survey about its review; moderators read the network's
results and every lead's; a lead reads their own."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from collegium import access
from collegium.pages import form_page, posted, render_page
from collegium.reviews.models import Review
from collegium.surveys import selectors, services
from collegium.surveys.forms import SurveyForm
from collegium.surveys.models import QUESTIONS, ReviewSurvey
from collegium.types import AuthenticatedHttpRequest

RESPOND_TEMPLATE = "surveys/respond.html"


def _respond_context(review: Review) -> dict[str, Any]:
    return {
        "review": review,
        "survey": ReviewSurvey.objects.filter(review=review).select_related("answered_by").first(),
        "refusal": services.REFUSALS.get(review.status),
    }


@login_required
def respond(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The form, then a page to check the answers, then the one submission."""
    review = access.get_review_for(request.user, pk, "survey.respond")
    form = SurveyForm(posted(request))
    action = request.POST.get("action")
    if action != "submit" and form.is_valid():
        if action == "change":
            return render_page(
                request, RESPOND_TEMPLATE, {"form": form, **_respond_context(review)}
            )
        context = {"review": review, "form": form, "questions": QUESTIONS}
        return render(request, "surveys/check.html", context)
    return form_page(
        request,
        form,
        lambda data: services.submit_survey(request.user, review, data),
        done="Thank you: your answers have been sent",
        next_url=reverse("surveys:respond", args=[review.pk]),
        page=lambda: _respond_context(review),
        template=RESPOND_TEMPLATE,
    )


@require_GET
@login_required
def results(request: HttpRequest) -> HttpResponse:
    """The network's figures, and the leads whose results the person may read."""
    access.require(request.user, "survey.results")
    roles = access.roles_of(request.user)
    context: dict[str, Any] = {
        "network": selectors.network_results(),
        "leads": selectors.leads_with_results(request.user),
        "own_id": roles.reviewer_id if roles.is_lead_reviewer else None,
        "minimum": selectors.MIN_RESPONSES,
        "min_leads": selectors.MIN_LEADS,
    }
    return render(request, "surveys/results.html", context)


@require_GET
@login_required
def lead_results(request: HttpRequest, pk: int) -> HttpResponse:
    lead = access.get_reviewer_for(request.user, pk, "survey.results")
    context = {"results": selectors.lead_results(lead), "minimum": selectors.MIN_RESPONSES}
    return render(request, "surveys/lead_results.html", context)
