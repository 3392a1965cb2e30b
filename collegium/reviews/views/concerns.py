"""R5 concerns: the school raises them with the lead reviewer during the visit, the lead answers,
and everyone who can read the review sees them."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from collegium import access
from collegium.pages import posted, render_page
from collegium.reviews.forms.visit import ConcernForm, ResponseForm
from collegium.reviews.models import Review
from collegium.reviews.services import concerns as services
from collegium.reviews.views.evidence import when


def _render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render_page(request, f"reviews/{template}", context | {"when": when})


@login_required
def concerns(request: HttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk)
    form = None
    if request.method == "POST":
        access.require(request.user, "review.raise_concern", review)
        form = ConcernForm(request.POST)
        if form.is_valid():
            try:
                services.raise_concern(request.user, review, form.cleaned_data["text"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Your concern has been sent to the lead reviewer")
                return redirect("reviews:concerns", pk=review.pk)
    elif review.status == Review.Status.VISIT and access.can(
        request.user, "review.raise_concern", review
    ):
        form = ConcernForm()
    context = {
        "review": review,
        "form": form,
        "concerns": list(review.concerns.select_related("raised_by", "responded_by")),
        "answering": review.status in services.ANSWERABLE
        and access.can(request.user, "review.lead", review),
    }
    return _render(request, "concerns.html", context)


@login_required
def respond(request: HttpRequest, pk: int, concern_pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "review.lead")
    concern = get_object_or_404(review.concerns.select_related("raised_by"), pk=concern_pk)
    form = ResponseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.respond_to_concern(request.user, concern, form.cleaned_data["response"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your response has been recorded and the school can read it")
            return redirect("reviews:concerns", pk=review.pk)
    context = {"review": review, "concern": concern, "form": form}
    return _render(request, "concern_respond.html", context)
