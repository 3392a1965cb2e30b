"""Q5 pages: the school answers the survey about its review; moderators read the network's
results and every lead's; a lead reads their own."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from collegium import access
from collegium.reviews.models import Review
from collegium.surveys import selectors, services
from collegium.surveys.forms import SurveyForm
from collegium.surveys.models import QUESTIONS, ReviewSurvey


def _form_page(request: HttpRequest, review: Review, form: SurveyForm) -> HttpResponse:
    context = {
        "review": review,
        "form": form,
        "survey": ReviewSurvey.objects.filter(review=review).select_related("answered_by").first(),
        "refusal": services.REFUSALS.get(review.status),
    }
    status = 400 if form.errors else 200
    return render(request, "surveys/respond.html", context, status=status)


@login_required
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    """The form, then a page to check the answers, then the one submission."""
    review = access.get_review_for(request.user, pk, "survey.respond")
    if request.method != "POST":
        return _form_page(request, review, SurveyForm())
    form = SurveyForm(request.POST)
    action = request.POST.get("action")
    if not form.is_valid() or action == "change":
        return _form_page(request, review, form)
    if action != "submit":
        context = {"review": review, "form": form, "questions": QUESTIONS}
        return render(request, "surveys/check.html", context)
    try:
        services.submit_survey(request.user, review, form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return _form_page(request, review, form)
    messages.success(request, "Thank you: your answers have been sent")
    return redirect("surveys:respond", pk=review.pk)


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
