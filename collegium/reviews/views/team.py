"""Pages for forming the review team (R1): add a reviewer, remove one, lock or unlock a place."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from collegium import access
from collegium.pages import confirm_page, form_page, posted
from collegium.reviews import selectors
from collegium.reviews.forms.planning import TeamMemberForm
from collegium.reviews.models import TeamMember
from collegium.reviews.services import planning, planning_types, team
from collegium.types import AuthenticatedHttpRequest
from collegium.words import lower_first


def _team_url(pk: int) -> str:
    return reverse("reviews:team", args=[pk])


def _added(member: TeamMember) -> str:
    label = lower_first(TeamMember.Role(member.role).label)
    return f"{member.reviewer.user.full_name} has been added as {label}."


@login_required
def team_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review = access.get_review_for(request.user, pk, "review.manage_team")

    def context() -> dict[str, Any]:
        return {
            "review": review,
            "team": selectors.team_of(review),
            "rtype": planning_types.review_type(review),
            "shortfall": planning.team_shortfall(review),
        }

    return form_page(
        request,
        TeamMemberForm(posted(request), selectors.reviewers_to_add(review)),
        lambda data: team.add_team_member_by_hand(
            request.user, review, data["reviewer"], data["role"]
        ),
        done=_added,
        next_url=_team_url(review.pk),
        page=context,
        template="reviews/team.html",
    )


def _member(request: HttpRequest, pk: int, member_pk: int) -> TeamMember:
    review = access.get_review_for(request.user, pk, "review.manage_team")
    return access.get_part(
        review.team.select_related("reviewer__user", "reviewer__home_school"), pk=member_pk
    )


@login_required
def remove_member(request: AuthenticatedHttpRequest, pk: int, member_pk: int) -> HttpResponse:
    member = _member(request, pk, member_pk)
    return form_page(
        request,
        Form(posted(request)),
        lambda _: team.remove_team_member(request.user, member),
        done=f"{member.reviewer.user.full_name} has been removed from the team.",
        next_url=_team_url(pk),
        page={"member": member, "review": member.review},
        template="reviews/remove_member.html",
    )


@login_required
def lock_member(request: AuthenticatedHttpRequest, pk: int, member_pk: int) -> HttpResponse:
    """The team page's lock and unlock buttons; a refusal is shown on a page of its own."""
    member = _member(request, pk, member_pk)
    if request.method != "POST":
        return redirect("reviews:team", pk=pk)
    locked = request.POST.get("locked") == "yes"
    name = member.reviewer.user.full_name
    done = "locked: the allocation will keep them" if locked else "unlocked"
    title = f"{'Lock' if locked else 'Unlock'} {name}'s place"
    return confirm_page(
        request,
        lambda: team.set_locked(request.user, member, locked),
        done=f"{name}'s place has been {done}.",
        next_url=_team_url(pk),
        page={"title": title, "button": title, "cancel_url": _team_url(pk)},
    )
