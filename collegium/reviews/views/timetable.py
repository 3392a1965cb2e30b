"""Pages for the review's timetable (R2–R3): the day-by-day table, and adding, changing and
removing activities under the conduct rules."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from collegium import access
from collegium.pages import form_page, posted, render_page
from collegium.reviews import selectors
from collegium.reviews.forms.planning import ActivityForm
from collegium.reviews.models import Activity
from collegium.reviews.services import timetable as services
from collegium.reviews.services.timetable import ACTIVITY_FIELDS, EDITABLE
from collegium.types import AuthenticatedHttpRequest


@login_required
def timetable(request: HttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk)
    editable = review.status in EDITABLE and access.can(request.user, "review.timetable", review)
    context = {"review": review, "days": selectors.timetable_of(review), "editable": editable}
    return render_page(request, "reviews/timetable.html", context)


def _timetable_url(pk: int) -> str:
    return reverse("reviews:timetable", args=[pk])


def _fields(data: dict[str, Any]) -> dict[str, Any]:
    return {name: data[name] for name in (name.removesuffix("_id") for name in ACTIVITY_FIELDS)}


@login_required
def add_activity(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "review.timetable")
    initial = {"day": request.GET.get("day", 1)}
    return form_page(
        request,
        ActivityForm(posted(request), review, initial=initial),
        lambda data: services.add_activity(request.user, review, **_fields(data)),
        done="The activity has been added to the timetable.",
        next_url=_timetable_url(review.pk),
        page={"review": review, "activity": None},
        template="reviews/activity.html",
    )


def _activity(request: HttpRequest, pk: int, activity_pk: int) -> Activity:
    review = access.get_review_for(request.user, pk, "review.timetable")
    return access.get_part(review.activities.select_related("review"), pk=activity_pk)


@login_required
def change_activity(request: AuthenticatedHttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    activity = _activity(request, pk, activity_pk)
    initial = {name.removesuffix("_id"): getattr(activity, name) for name in ACTIVITY_FIELDS}
    initial["version"] = services.activity_version(activity)
    return form_page(
        request,
        ActivityForm(posted(request), activity.review, initial=initial),
        lambda data: services.change_activity(
            request.user, activity, data["version"], **_fields(data)
        ),
        done="The activity has been changed.",
        next_url=_timetable_url(pk),
        page={"review": activity.review, "activity": activity},
        template="reviews/activity.html",
    )


@login_required
def remove_activity(request: AuthenticatedHttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    activity = _activity(request, pk, activity_pk)
    return form_page(
        request,
        Form(posted(request)),
        lambda _: services.remove_activity(request.user, activity),
        done=f"{activity.label} has been removed from the timetable.",
        next_url=_timetable_url(pk),
        page={"review": activity.review, "activity": activity},
        template="reviews/remove_activity.html",
    )
