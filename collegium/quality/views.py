from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from collegium import access
from collegium.pages import posted
from collegium.pagination import paginate
from collegium.people.dates import today
from collegium.quality import selectors, services
from collegium.quality.forms import FeedbackForm, SettingsForm, StrandsForm
from collegium.quality.models import NetworkModerationSettings
from collegium.quality.sampling import draw_late_reviews, draw_sample
from collegium.quality.terms import Term, parse_term, term_of
from collegium.reviews.models import Review


def _page(request: HttpRequest, template: str, context: dict[str, Any], bad: bool) -> HttpResponse:
    return render(request, f"quality/{template}", context, status=400 if bad else 200)


def _term(key: str | None) -> Term:
    term = parse_term(key) if key else term_of(today())
    if term is None:
        raise Http404
    return term


def reviews(count: int) -> str:
    return f"{count} review" if count == 1 else f"{count} reviews"


def _to_home(term: Term) -> HttpResponse:
    return redirect(f"{reverse('quality:home')}?term={term.key}")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "moderation.manage")
    term = _term(request.GET.get("term"))
    sample = selectors.sample_for(term)
    picks, picks_pagination = paginate(request, selectors.picks_in(sample) if sample else [])
    awaiting, awaiting_pagination = paginate(
        request, selectors.awaiting_moderation(), param="awaiting"
    )
    context = {
        "term": term,
        "terms": selectors.terms(),
        "sample": sample,
        "picks": picks,
        "pick_rows": selectors.pick_rows(list(picks.object_list)),
        "picks_pagination": picks_pagination,
        "pool_size": selectors.pool_size(term),
        "late_count": selectors.late_count(sample) if sample else 0,
        "awaiting": awaiting,
        "awaiting_pagination": awaiting_pagination,
        "settings": NetworkModerationSettings.current(),
        "reviews": reviews,
    }
    return _page(request, "home.html", context, False)


@login_required
@require_POST
def draw(request: HttpRequest, term_key: str) -> HttpResponse:
    access.require(request.user, "moderation.manage")
    term = _term(term_key)
    try:
        sample = draw_sample(request.user, term)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        count = sample.picks.count()
        messages.success(request, f"Sample drawn: {reviews(count)} to moderate")
    return _to_home(term)


@login_required
@require_POST
def draw_late(request: HttpRequest, term_key: str) -> HttpResponse:
    access.require(request.user, "moderation.manage")
    term = _term(term_key)
    try:
        picked = draw_late_reviews(request.user, term)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Late reviews drawn: {reviews(len(picked))} to moderate")
    return _to_home(term)


def _moderation_context(review: Review, strands: Form, feedback: Form) -> dict[str, Any]:
    moderation = selectors.moderation_of(review)
    return {
        "review": review,
        "moderation": moderation,
        "pick": getattr(review, "moderation_pick", None),
        "moderatable": review.status in services.MODERATED_STATUSES,
        "rows": strands.rows,  # type: ignore[attr-defined]
        "strands_form": strands,
        "feedback_form": feedback,
    }


@login_required
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "moderation.manage")
    rows = selectors.strand_rows(review, selectors.moderation_of(review), request.user)
    form = StrandsForm(posted(request), rows)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                for row, level, rationale in form.chosen():
                    services.moderate_strand(request.user, review, row.strand, level, rationale)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Moderated levels saved")
            return redirect("quality:moderate", review.pk)
    context = _moderation_context(review, form, FeedbackForm())
    return _page(request, "moderate.html", context, bool(form.errors))


@login_required
@require_POST
def complete(request: HttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "moderation.manage")
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.complete_moderation(request.user, review, form.cleaned_data["feedback"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Moderation completed: the team can read your feedback")
            return redirect("quality:outcome", review.pk)
    rows = selectors.strand_rows(review, selectors.moderation_of(review), request.user)
    context = _moderation_context(review, StrandsForm(None, rows), form)
    return _page(request, "moderate.html", context, True)


@login_required
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "review.view")
    moderation = selectors.moderation_of(review)
    completed = moderation is not None and moderation.is_completed
    context = {
        "review": review,
        "moderation": moderation if completed else None,
        "rows": selectors.strand_rows(review, moderation, request.user) if completed else [],
        "may_moderate": access.can(request.user, "moderation.manage", review),
    }
    return _page(request, "outcome.html", context, False)


@login_required
def network_settings(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "moderation.settings")
    current = NetworkModerationSettings.current()
    initial = {"requires_moderation": current.requires_moderation}
    form = SettingsForm(posted(request), initial=initial | {"random_share": current.random_share})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_settings(
                request.user, data["requires_moderation"], data["random_share"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Moderation settings saved")
            return redirect("quality:settings")
    return _page(request, "settings.html", {"form": form}, bool(form.errors))
