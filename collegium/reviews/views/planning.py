"""Pages for planning a review (R1–R2): the list, scheduling, the overview, focus, analysis,
moving, cancelling and starting the visit."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from collegium import access
from collegium.complaints.selectors import review_complaints
from collegium.pages import form_page, posted, render_page
from collegium.pagination import paginate
from collegium.reviews import selectors
from collegium.reviews.forms.planning import ChooseClusterForm, FocusForm, MoveForm, ScheduleForm
from collegium.reviews.services import planning

PER_PAGE = 50  # reviews a page of the list


def page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render_page(request, f"reviews/{template}", context)


def _refused(form: Form, error: ValidationError) -> bool:
    """Show the refusal on the form; True when it asks to confirm a second review."""
    form.add_error(None, error)
    return any(e.code == planning.SECOND_REVIEW for e in getattr(error, "error_list", []))


def _asks_to_confirm(form: Form, refused_second: bool) -> bool:
    return refused_second or bool(form["confirm_second"].value())


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    shown, pagination = paginate(request, selectors.reviews_for(request.user), PER_PAGE)
    context = {
        "page": shown,
        "pagination": pagination,
        "can_schedule": bool(selectors.clusters_to_schedule_for(request.user)),
    }
    return page(request, "list.html", context)


@login_required
def schedule(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "review.schedule")
    clusters = selectors.clusters_to_schedule_for(request.user)
    if not clusters:
        raise PermissionDenied
    chooser = ChooseClusterForm(request.GET if "cluster" in request.GET else None, clusters)
    if len(clusters) > 1 and not chooser.is_valid():
        return page(request, "schedule_cluster.html", {"chooser": chooser})
    cluster = chooser.cleaned_data["cluster"] if len(clusters) > 1 else clusters[0]
    members = selectors.member_schools(cluster)
    choices = [(m.school.pk, m.school.name) for m in members]
    form = ScheduleForm(posted(request), choices)
    refused_second = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        school = next(m.school for m in members if m.school.pk == data["school"])
        try:
            review = planning.schedule_review(
                request.user,
                school,
                data["kind"],
                data["framework_version"],
                data["start_date"],
                data["days"],
                cluster,
                confirm_second=data["confirm_second"],
            )
        except ValidationError as error:
            refused_second = _refused(form, error)
        else:
            messages.success(request, f"The review of {school.name} has been scheduled.")
            return redirect("reviews:team", pk=review.pk)
    context = {
        "form": form,
        "cluster": cluster,
        "members": members,
        "types": planning.REVIEW_TYPES,
        "confirm_second": _asks_to_confirm(form, refused_second),
    }
    return page(request, "schedule.html", context)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk)
    context = {
        "review": review,
        "rtype": planning.review_type(review),
        "team": selectors.team_of(review),
        "end_date": selectors.end_date(review),
        "next_step": selectors.next_step(review),
        "complaints": review_complaints(request.user, review, timezone.localdate()),
    }
    return page(request, "detail.html", context)


@login_required
def analysis(request: HttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk)
    analysis = selectors.analysis_of(review, request.user)
    return page(request, "analysis.html", {"review": review, "a": analysis})


@login_required
def focus(request: HttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "review.set_focus")
    initial = {
        "focus": review.focus,
        "nominee_name": review.nominee_name,
        "nominee_role": review.nominee_role,
        "max_activities_per_day": review.max_activities_per_day,
        "version": planning.focus_version(review),
    }
    return form_page(
        request,
        FocusForm(posted(request), initial=initial),
        lambda data: planning.set_focus(request.user, review, **data),
        done="The focus, nominee and activity limit have been saved.",
        next_url=reverse("reviews:detail", args=[review.pk]),
        page={"review": review},
        template="reviews/focus.html",
    )


@login_required
def move(request: HttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "review.manage_team")
    initial = {"start_date": review.start_date, "days": review.days}
    form = MoveForm(posted(request), initial=initial)
    refused_second = False
    if request.method == "POST" and form.is_valid():
        try:
            planning.move_review(request.user, review, **form.cleaned_data)
        except ValidationError as error:
            refused_second = _refused(form, error)
        else:
            messages.success(request, "The review's dates have been changed.")
            return redirect("reviews:detail", pk=review.pk)
    context = {
        "form": form,
        "review": review,
        "confirm_second": _asks_to_confirm(form, refused_second),
    }
    return page(request, "move.html", context)


def _confirm(request: HttpRequest, pk: int, action: str, change: Any, done: str) -> HttpResponse:
    """A page asking to confirm a status change, then making it."""
    review = access.get_review_for(request.user, pk, action)
    form = Form(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            change(request.user, review)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect("reviews:detail", pk=review.pk)
    template = "cancel.html" if action == "review.manage_team" else "start.html"
    context = {"form": form, "review": review, "team": selectors.team_of(review)}
    return page(request, template, context)


@login_required
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _confirm(
        request, pk, "review.manage_team", planning.cancel_review, "The review has been cancelled."
    )


@login_required
def start(request: HttpRequest, pk: int) -> HttpResponse:
    return _confirm(request, pk, "review.lead", planning.start_visit, "The visit has started.")
