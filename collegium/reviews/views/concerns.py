"""R5 concerns: the school raises them with the lead reviewer during the visit, the lead answers,
and everyone who can read the review sees them."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from collegium import access
from collegium.pages import form_page, posted, render_page
from collegium.reviews.forms.visit import ConcernForm, ResponseForm
from collegium.reviews.models import Review
from collegium.reviews.services import concerns as services
from collegium.reviews.views.evidence import when
from collegium.types import AuthenticatedHttpRequest


def _concerns_url(review: Review) -> str:
    return reverse("reviews:concerns", args=[review.pk])


def _concerns_page(request: HttpRequest, review: Review) -> dict[str, Any]:
    return {
        "review": review,
        "concerns": list(review.concerns.select_related("raised_by", "responded_by")),
        "answering": review.status in services.ANSWERABLE
        and access.can(request.user, "review.lead", review),
        "when": when,
    }


@login_required
def concerns(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk)
    if request.method != "POST":
        raising = review.status == Review.Status.VISIT and access.can(
            request.user, "review.raise_concern", review
        )
        context = _concerns_page(request, review) | {"form": ConcernForm() if raising else None}
        return render_page(request, "reviews/concerns.html", context)
    access.require(request.user, "review.raise_concern", review)
    return form_page(
        request,
        ConcernForm(request.POST),
        lambda data: services.raise_concern(request.user, review, data["text"]),
        done="Your concern has been sent to the lead reviewer",
        next_url=_concerns_url(review),
        page=lambda: _concerns_page(request, review),
        template="reviews/concerns.html",
    )


@login_required
def respond(request: AuthenticatedHttpRequest, pk: int, concern_pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "review.lead")
    concern = access.get_part(review.concerns.select_related("raised_by"), pk=concern_pk)
    return form_page(
        request,
        ResponseForm(posted(request)),
        lambda data: services.respond_to_concern(request.user, concern, data["response"]),
        done="Your response has been recorded and the school can read it",
        next_url=_concerns_url(review),
        page={"review": review, "concern": concern, "when": when},
        template="reviews/concern_respond.html",
    )
