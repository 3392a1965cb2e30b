"""Pages for forming the review team (R1): add a reviewer, remove one, lock or unlock a place."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from collegium import access
from collegium.pages import posted
from collegium.reviews import selectors
from collegium.reviews.forms.planning import TeamMemberForm
from collegium.reviews.models import TeamMember
from collegium.reviews.services import planning, team
from collegium.reviews.views.planning import page
from collegium.words import lower_first


@login_required
def team_page(request: HttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "review.manage_team")
    form = TeamMemberForm(posted(request), selectors.reviewers_to_add(review))
    if request.method == "POST" and form.is_valid():
        profile, role = form.cleaned_data["reviewer"], form.cleaned_data["role"]
        try:
            team.add_team_member(request.user, review, profile, role)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            label = lower_first(TeamMember.Role(role).label)
            messages.success(request, f"{profile.user.full_name} has been added as {label}.")
            return redirect("reviews:team", pk=review.pk)
    context = {
        "form": form,
        "review": review,
        "team": selectors.team_of(review),
        "rtype": planning.review_type(review),
        "shortfall": planning.team_shortfall(review),
    }
    return page(request, "team.html", context)


def _member(request: HttpRequest, pk: int, member_pk: int) -> TeamMember:
    review = access.get_review_for(request.user, pk, "review.manage_team")
    return get_object_or_404(
        review.team.select_related("reviewer__user", "reviewer__home_school"), pk=member_pk
    )


@login_required
def remove_member(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    member = _member(request, pk, member_pk)
    form = Form(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            team.remove_team_member(request.user, member)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            name = member.reviewer.user.full_name
            messages.success(request, f"{name} has been removed from the team.")
            return redirect("reviews:team", pk=pk)
    return page(
        request, "remove_member.html", {"form": form, "member": member, "review": member.review}
    )


@login_required
def lock_member(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    member = _member(request, pk, member_pk)
    if request.method != "POST":
        return redirect("reviews:team", pk=pk)
    locked = request.POST.get("locked") == "yes"
    try:
        team.set_locked(request.user, member, locked)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        name = member.reviewer.user.full_name
        done = "locked: the allocation will keep them" if locked else "unlocked"
        messages.success(request, f"{name}'s place has been {done}.")
    return redirect("reviews:team", pk=pk)
