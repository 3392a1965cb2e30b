"""Reviewers' pages of the allocation (issue 21): their preferences, and confirming or
declining a place an accepted run offered them. Kept apart from views/__init__.py (the
coordinator's pages); the same shape: access getter → form → service → redirect, through
collegium.pages."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from collegium import access
from collegium.allocations import forms, preferences
from collegium.allocations.consent_selectors import answer_of
from collegium.allocations.models import PlaceRequest
from collegium.allocations.services import consent
from collegium.pages import confirm_page, form_page, posted
from collegium.people.forms import PHASE_CHOICES
from collegium.reviews.services.planning_types import review_dates
from collegium.types import AuthenticatedHttpRequest
from collegium.words import lower_first


@login_required
def edit_preferences(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    profile = access.get_reviewer_for(request.user, pk, "reviewer.edit")
    saved = preferences.preferences_of(profile)
    weeks = preferences.term_weeks()
    shown = {w.isoformat() for w in weeks}
    initial = {
        "phases": saved.phases,
        "strands": saved.strands,
        "preferred_weeks": [w for w in saved.preferred_weeks if w in shown],
        "avoided_weeks": [w for w in saved.avoided_weeks if w in shown],
        "max_km": saved.max_km,
    }
    form = forms.PreferencesForm(
        posted(request),
        initial=initial,
        phases=PHASE_CHOICES,
        strands=preferences.strand_choices(),
        weeks=weeks,
    )
    record = reverse("people:record", args=[profile.pk])
    page = {
        "title": "Review preferences",
        "caption": str(profile.user),
        "intro": [
            "The optimiser uses these when it proposes review teams. It still keeps every rule "
            "(conflicts of interest, the weeks marked available, the days approved), and you "
            "are asked to confirm each place before it is yours."
        ],
        "button": "Save preferences",
        "cancel_url": record,
    }
    return form_page(
        request,
        form,
        lambda data: preferences.save_preferences(request.user, profile, **data),
        done="Your review preferences have been saved.",
        next_url=record,
        page=page,
    )


def _about(place: PlaceRequest) -> str:
    review = place.review
    return (
        f"{place.get_role_display()} on the {lower_first(review.get_kind_display())} of "
        f"{review.school.name}"
    )


@login_required
def place_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The place offered, with Confirm (POST) and a link to decline while it is open; once
    closed, what happened to it."""
    place = access.get_place_request_for(request.user, pk)
    return confirm_page(
        request,
        lambda: consent.confirm(request.user, place),
        done=f"You have confirmed your place: {_about(place)}.",
        next_url=reverse("home"),
        page=lambda: {
            "place": place,
            "answer": answer_of(place),
            "about": _about(place),
            "days": review_dates(place.review.start_date, place.review.days),
            "title": "Your place on a review",
        },
        template="allocations/place.html",
    )


@login_required
def decline_place(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    place = access.get_place_request_for(request.user, pk)
    place_url = reverse("allocations:place", args=[place.pk])
    if request.method != "POST" and not answer_of(place).open:
        return redirect(place_url)  # the place page says what happened to it
    page = {
        "title": "Decline this place",
        "caption": _about(place),
        "intro": [
            "The place is offered to another reviewer. You cannot undo this: to take part "
            "after all, ask the review's coordinator."
        ],
        "button": "Decline the place",
        "cancel_url": place_url,
    }
    return form_page(
        request,
        forms.DeclineForm(posted(request)),
        lambda data: consent.decline(request.user, place, data["reason"]),
        done=f"You have declined the place: {_about(place)}.",
        next_url=reverse("home"),
        page=page,
    )
