"""A reviewer's own register entry: registering, reading it, and keeping it up to date."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from collegium import access
from collegium.pages import confirm_page, form_page, posted
from collegium.people import forms, selectors
from collegium.people.models import ReviewerProfile
from collegium.people.services import register as services
from collegium.types import AuthenticatedHttpRequest, Person


def _record_url(profile: ReviewerProfile) -> str:
    return reverse("people:record", args=[profile.pk])


def _own_profile(user: Person) -> ReviewerProfile | None:
    return ReviewerProfile.objects.filter(user=user).first() if user.is_authenticated else None


@login_required
def register(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require(request.user, "reviewer.register")
    if _own_profile(request.user) is not None:
        messages.success(request, "You are already registered as a reviewer.")
        return redirect("people:my-record")

    def apply(data: dict[str, Any]) -> None:
        services.register_reviewer(request.user, **data)
        access.forget_roles(request.user)  # they are a reviewer now

    page = {
        "title": "Register as a reviewer",
        "intro": [
            "Reviewers are serving senior leaders who review other schools in the network. "
            "Your name, home school, phases, experience and training are shown on a public "
            "transparency profile.",
            "The head of your home school approves the days you can spend reviewing.",
        ],
        "button": "Register",
        "cancel_url": reverse("home"),
    }
    return form_page(
        request,
        forms.ProfileForm(posted(request)),
        apply,
        done="You are registered as a reviewer.",
        next_url=reverse("people:my-record"),
        page=page,
    )


def my_record(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "reviewer.register")
    profile = _own_profile(request.user)
    if profile is None:
        return redirect("people:register")
    return redirect("people:record", pk=profile.pk)


def record(request: HttpRequest, pk: int) -> HttpResponse:
    profile = access.get_reviewer_for(request.user, pk, "reviewer.view_record")
    return render(request, "people/record.html", selectors.record_page(profile))


def _editable(request: HttpRequest, pk: int) -> ReviewerProfile:
    return access.get_reviewer_for(request.user, pk, "reviewer.edit")


def _about(profile: ReviewerProfile, title: str, **extra: Any) -> dict[str, Any]:
    """A page about the reviewer: its title, their name above it and Cancel back to the record."""
    return {
        "title": title,
        "caption": str(profile.user),
        "cancel_url": _record_url(profile),
    } | extra


@login_required
def edit_profile(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    profile = _editable(request, pk)
    initial = {
        "home_school": profile.home_school_id,
        "job_title": profile.job_title,
        "phases": profile.phases,
        "subjects": profile.subjects,
        "years_in_senior_leadership": profile.years_in_senior_leadership,
    }
    intro = [
        "If the reviewer moves to another school, the days their old school approved are "
        "withdrawn and the old school is recorded as former employment."
    ]
    return form_page(
        request,
        forms.ProfileForm(posted(request), initial=initial),
        lambda data: services.update_profile(request.user, profile, **data),
        done="The profile has been saved.",
        next_url=_record_url(profile),
        page=_about(profile, "Edit the profile", intro=intro),
    )


@login_required
def add_training(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    profile = _editable(request, pk)
    return form_page(
        request,
        forms.TrainingForm(posted(request)),
        lambda data: services.add_training(request.user, profile, **data),
        done="The training has been added.",
        next_url=_record_url(profile),
        page=_about(profile, "Add training"),
    )


@login_required
def weeks(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    profile = _editable(request, pk)
    offered, chosen = selectors.offered_weeks(profile)
    form = forms.WeeksForm(
        posted(request),
        offered=offered,
        initial={"weeks": [week.isoformat() for week in chosen]},
    )
    return form_page(
        request,
        form,
        lambda data: services.set_available_weeks(request.user, profile, offered, data["weeks"]),
        done="The weeks available have been saved.",
        next_url=_record_url(profile),
        page=_about(profile, "Weeks available for reviews", button="Save the weeks"),
    )


@login_required
def add_blackout(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    profile = _editable(request, pk)
    intro = ["Days when the reviewer cannot review, for example their own school's events."]
    return form_page(
        request,
        forms.BlackoutForm(posted(request)),
        lambda data: services.add_blackout(request.user, profile, **data),
        done="The blackout dates have been added.",
        next_url=_record_url(profile),
        page=_about(profile, "Add blackout dates", intro=intro),
    )


@login_required
def declare_conflict(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    profile = _editable(request, pk)
    intro = [
        "Declare any tie to a school that could affect a fair review, for example a relative "
        "on its staff. Own school, same trust, former employment and recent reviews between "
        "schools are found automatically."
    ]
    return form_page(
        request,
        forms.ConflictForm(posted(request)),
        lambda data: services.declare_conflict(request.user, profile, **data),
        done="The conflict of interest has been declared.",
        next_url=_record_url(profile),
        page=_about(profile, "Declare a conflict of interest", intro=intro, button="Declare"),
    )


@login_required
def add_employment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    profile = _editable(request, pk)
    return form_page(
        request,
        forms.EmploymentForm(posted(request)),
        lambda data: services.add_former_employment(request.user, profile, **data),
        done="The former employment has been added.",
        next_url=_record_url(profile),
        page=_about(profile, "Add former employment"),
    )


@login_required
def add_past_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    profile = _editable(request, pk)
    intro = ["Reviews they took part in, including those before Collegium."]
    return form_page(
        request,
        forms.PastReviewForm(posted(request)),
        lambda data: services.add_past_review(request.user, profile, **data),
        done="The review has been added.",
        next_url=_record_url(profile),
        page=_about(profile, "Add a past review", intro=intro),
    )


REMOVAL_TITLES = {
    "training": ("Remove this training", "The training has been removed."),
    "blackout": ("Remove these blackout dates", "The blackout dates have been removed."),
    "conflict": ("Withdraw this declared conflict", "The declared conflict has been withdrawn."),
    "employment": ("Remove this former employment", "The former employment has been removed."),
    "review": ("Remove this past review", "The past review has been removed."),
}


@login_required
def remove_item(
    request: AuthenticatedHttpRequest, pk: int, kind: str, item_pk: int
) -> HttpResponse:
    profile = _editable(request, pk)
    item = selectors.item_of(profile, kind, item_pk)
    title, done = REMOVAL_TITLES[kind]
    page = _about(profile, title, summary=str(item), button=title.split(" ")[0])
    return confirm_page(
        request,
        lambda: services.remove_item(request.user, item),
        done=done,
        next_url=_record_url(profile),
        page=page,
    )
