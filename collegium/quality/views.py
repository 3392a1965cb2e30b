from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from collegium import access
from collegium.pages import confirm_page, form_page, posted, render_page
from collegium.pagination import paginate
from collegium.people.dates import today
from collegium.quality import selectors, services
from collegium.quality.forms import FeedbackForm, SettingsForm, StrandsForm
from collegium.quality.models import NetworkModerationSettings
from collegium.quality.sampling import draw_late_reviews, draw_sample
from collegium.quality.terms import Term, parse_term, term_of
from collegium.reviews.models import Review
from collegium.types import AuthenticatedHttpRequest


def _term(key: str | None) -> Term:
    term = parse_term(key) if key else term_of(today())
    if term is None:
        raise Http404
    return term


def reviews(count: int) -> str:
    return f"{count} review" if count == 1 else f"{count} reviews"


def _home_url(term: Term) -> str:
    return f"{reverse('quality:home')}?term={term.key}"


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
    return render_page(request, "quality/home.html", context)


def _draw_page(term: Term, title: str) -> dict[str, Any]:
    """The page a refused draw is shown on, with the reason."""
    return {"title": title, "caption": term.label, "button": title, "cancel_url": _home_url(term)}


@login_required
@require_POST
def draw(request: AuthenticatedHttpRequest, term_key: str) -> HttpResponse:
    access.require(request.user, "moderation.manage")
    term = _term(term_key)
    return confirm_page(
        request,
        lambda: draw_sample(request.user, term),
        done=lambda sample: f"Sample drawn: {reviews(sample.picks.count())} to moderate",
        next_url=_home_url(term),
        page=_draw_page(term, "Draw the sample"),
    )


@login_required
@require_POST
def draw_late(request: AuthenticatedHttpRequest, term_key: str) -> HttpResponse:
    access.require(request.user, "moderation.manage")
    term = _term(term_key)
    return confirm_page(
        request,
        lambda: draw_late_reviews(request.user, term),
        done=lambda picked: f"Late reviews drawn: {reviews(len(picked))} to moderate",
        next_url=_home_url(term),
        page=_draw_page(term, "Draw from the reviews agreed since"),
    )


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
def moderate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "moderation.manage")
    rows = selectors.strand_rows(review, selectors.moderation_of(review), request.user)
    form = StrandsForm(posted(request), rows)

    def apply(_: dict[str, Any]) -> None:
        with transaction.atomic():
            for row, level, rationale in form.chosen():
                services.moderate_strand(request.user, review, row.strand, level, rationale)

    return form_page(
        request,
        form,
        apply,
        done="Moderated levels saved",
        next_url=reverse("quality:moderate", args=[review.pk]),
        page=lambda: _moderation_context(review, form, FeedbackForm()),
        template="quality/moderate.html",
    )


@login_required
@require_POST
def complete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "moderation.manage")
    form = FeedbackForm(request.POST)

    def context() -> dict[str, Any]:
        rows = selectors.strand_rows(review, selectors.moderation_of(review), request.user)
        return _moderation_context(review, StrandsForm(None, rows), form)

    return form_page(
        request,
        form,
        lambda data: services.complete_moderation(request.user, review, data["feedback"]),
        done="Moderation completed: the team can read your feedback",
        next_url=reverse("quality:outcome", args=[review.pk]),
        page=context,
        template="quality/moderate.html",
    )


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
    return render_page(request, "quality/outcome.html", context)


@login_required
def network_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require(request.user, "moderation.settings")
    current = NetworkModerationSettings.current()
    initial = {"requires_moderation": current.requires_moderation}
    form = SettingsForm(posted(request), initial=initial | {"random_share": current.random_share})
    return form_page(
        request,
        form,
        lambda data: services.update_settings(
            request.user, data["requires_moderation"], data["random_share"]
        ),
        done="Moderation settings saved",
        next_url=reverse("quality:settings"),
        template="quality/settings.html",
    )
