"""Pages for planning a review (R1–R2): the list, scheduling, the overview, focus, analysis,
moving, cancelling and starting the visit."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from collegium import access
from collegium.complaints.selectors import review_complaints
from collegium.pages import form_page, posted, render_page
from collegium.pagination import paginate
from collegium.reviews import selectors
from collegium.reviews.forms.planning import ChooseClusterForm, FocusForm, MoveForm, ScheduleForm
from collegium.reviews.models import Review
from collegium.reviews.services import planning, planning_types
from collegium.types import AuthenticatedHttpRequest
from collegium.voice.selectors import strands_heard

PER_PAGE = 50  # reviews a page of the list


class SecondReview:
    """The box confirming a second review in the academic year: shown once scheduling has been
    refused for one, or when it was ticked."""

    def __init__(self, form: Form) -> None:
        self.form = form
        self.refused_for_it = False

    def refused(self, error: ValidationError) -> None:
        self.form.add_error(None, error)
        codes = [e.code for e in getattr(error, "error_list", [])]
        self.refused_for_it = planning.SECOND_REVIEW in codes

    def asks(self) -> bool:
        return self.refused_for_it or bool(self.form["confirm_second"].value())


def _detail_url(review: Review) -> str:
    return reverse("reviews:detail", args=[review.pk])


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    shown, pagination = paginate(request, selectors.reviews_for(request.user), PER_PAGE)
    context = {
        "page": shown,
        "pagination": pagination,
        "can_schedule": bool(selectors.clusters_to_schedule_for(request.user)),
    }
    return render_page(request, "reviews/list.html", context)


@login_required
def schedule(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require(request.user, "review.schedule")
    clusters = selectors.clusters_to_schedule_for(request.user)
    if not clusters:
        raise PermissionDenied
    chooser = ChooseClusterForm(request.GET if "cluster" in request.GET else None, clusters)
    if len(clusters) > 1 and not chooser.is_valid():
        return render_page(request, "reviews/schedule_cluster.html", {"chooser": chooser})
    cluster = chooser.cleaned_data["cluster"] if len(clusters) > 1 else clusters[0]
    members = selectors.member_schools(cluster)
    schools = {m.school.pk: m.school for m in members}
    form = ScheduleForm(posted(request), [(pk, school.name) for pk, school in schools.items()])
    second = SecondReview(form)

    def apply(data: dict[str, Any]) -> Review:
        school = schools[data["school"]]
        rest = {name: value for name, value in data.items() if name != "school"}
        return planning.schedule_review(request.user, school, cluster=cluster, **rest)

    page = {"cluster": cluster, "members": members, "types": planning_types.REVIEW_TYPES}
    return form_page(
        request,
        form,
        apply,
        done=lambda review: f"The review of {review.school.name} has been scheduled.",
        next_url=lambda review: reverse("reviews:team", args=[review.pk]),
        page=lambda: page | {"confirm_second": second.asks()},
        template="reviews/schedule.html",
        refused=second.refused,
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk)
    context = {
        "review": review,
        "rtype": planning_types.review_type(review),
        "team": selectors.team_of(review),
        "end_date": selectors.end_date(review),
        "next_step": selectors.next_step(review),
        "complaints": review_complaints(request.user, review, timezone.localdate()),
    }
    return render_page(request, "reviews/detail.html", context)


@login_required
def analysis(request: HttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk)
    analysis = selectors.analysis_of(review, request.user)
    heard = strands_heard(review.school_id, review.framework_version)
    context = {"review": review, "a": analysis, "heard": heard}
    return render_page(request, "reviews/analysis.html", context)


@login_required
def focus(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
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
        next_url=_detail_url(review),
        page={"review": review},
        template="reviews/focus.html",
    )


@login_required
def move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "review.manage_team")
    initial = {"start_date": review.start_date, "days": review.days}
    form = MoveForm(posted(request), initial=initial)
    second = SecondReview(form)
    return form_page(
        request,
        form,
        lambda data: planning.move_review(request.user, review, **data),
        done="The review's dates have been changed.",
        next_url=_detail_url(review),
        page=lambda: {"review": review, "confirm_second": second.asks()},
        template="reviews/move.html",
        refused=second.refused,
    )


@login_required
def cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "review.manage_team")
    return form_page(
        request,
        Form(posted(request)),
        lambda _: planning.cancel_review(request.user, review),
        done="The review has been cancelled.",
        next_url=_detail_url(review),
        page=lambda: {"review": review, "team": selectors.team_of(review)},
        template="reviews/cancel.html",
    )


@login_required
def start(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "review.lead")
    return form_page(
        request,
        Form(posted(request)),
        lambda _: planning.start_visit(request.user, review),
        done="The visit has started.",
        next_url=_detail_url(review),
        page=lambda: {"review": review, "team": selectors.team_of(review)},
        template="reviews/start.html",
    )
