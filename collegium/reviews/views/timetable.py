"""Pages for the review's timetable (R2–R3): the day-by-day table, and adding, changing and
removing activities under the conduct rules."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from collegium import access
from collegium.pages import posted
from collegium.reviews import selectors
from collegium.reviews.forms.planning import ActivityForm
from collegium.reviews.models import Activity, Review
from collegium.reviews.services import timetable as services
from collegium.reviews.services.timetable import ACTIVITY_FIELDS, EDITABLE
from collegium.reviews.views.planning import page


@login_required
def timetable(request: HttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk)
    editable = review.status in EDITABLE and access.can(request.user, "review.timetable", review)
    context = {"review": review, "days": selectors.timetable_of(review), "editable": editable}
    return page(request, "timetable.html", context)


def _fields(form: ActivityForm) -> dict[str, Any]:
    names = (name.removesuffix("_id") for name in ACTIVITY_FIELDS)
    return {name: form.cleaned_data[name] for name in names}


def _activity_page(
    request: HttpRequest, review: Review, form: ActivityForm, activity: Activity | None
) -> HttpResponse:
    context = {"form": form, "review": review, "activity": activity}
    return page(request, "activity.html", context)


@login_required
def add_activity(request: HttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "review.timetable")
    initial = {"day": request.GET.get("day", 1)}
    form = ActivityForm(posted(request), review, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_activity(request.user, review, **_fields(form))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The activity has been added to the timetable.")
            return redirect("reviews:timetable", pk=review.pk)
    return _activity_page(request, review, form, None)


def _activity(request: HttpRequest, pk: int, activity_pk: int) -> Activity:
    review = access.get_review_for(request.user, pk, "review.timetable")
    return get_object_or_404(review.activities.select_related("review"), pk=activity_pk)


@login_required
def change_activity(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    activity = _activity(request, pk, activity_pk)
    initial = {name.removesuffix("_id"): getattr(activity, name) for name in ACTIVITY_FIELDS}
    initial["version"] = services.activity_version(activity)
    form = ActivityForm(posted(request), activity.review, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = form.cleaned_data["version"]
            services.change_activity(request.user, activity, version, **_fields(form))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The activity has been changed.")
            return redirect("reviews:timetable", pk=pk)
    return _activity_page(request, activity.review, form, activity)


@login_required
def remove_activity(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    activity = _activity(request, pk, activity_pk)
    form = Form(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.remove_activity(request.user, activity)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{activity.label} has been removed from the timetable.")
            return redirect("reviews:timetable", pk=pk)
    context = {"form": form, "review": activity.review, "activity": activity}
    return page(request, "remove_activity.html", context)
