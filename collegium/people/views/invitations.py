"""Issue 15: bringing heads and reviewers onto Collegium, and days for a school with no head on
it. Each invitation emails the link to choose a password (`roles.send_invitation`)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.urls import reverse

from collegium import access
from collegium.clusters.models import Membership
from collegium.pages import confirm_page, form_page, posted
from collegium.people import forms
from collegium.people.dates import current_academic_year
from collegium.people.services import capacity, invitations
from collegium.people.services.invitations import Invited
from collegium.people.services.roles import send_invitation
from collegium.types import AuthenticatedHttpRequest


@login_required
def invite_head(request: AuthenticatedHttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    access.require(request.user, invitations.INVITE_HEADS)
    cluster = access.get_cluster_for(request.user, pk, "cluster.manage")
    membership = access.get_part(
        cluster.memberships.select_related("school"),
        pk=membership_pk,
        status=Membership.Status.INVITED,
    )
    school = membership.school
    answer_at = reverse("clusters:respond", args=[membership.pk])

    def apply(data: dict[str, Any]) -> tuple[Invited, bool]:
        invited = invitations.invite_head(request.user, membership, then=answer_at, **data)
        accept_at = reverse("people:accept-head", args=[invited.token])
        sent = send_invitation(request, invited.person, next_url=accept_at)
        if not sent:
            invitations.forget_head_link(invited.token)  # nobody waits for a link never sent
        return invited, sent

    page = {
        "title": f"Invite the head of {school.name}",
        "caption": cluster.name,
        "intro": [
            f"Nobody at {school.name} has a Collegium account, so nobody can answer the "
            "invitation to join the cluster.",
            "The head gets an email with a link to choose a password. Once they have chosen "
            "it they become the school's leader on Collegium and are taken to the invitation "
            "to answer it.",
            "If they already have a Collegium account, make them the school's leader on the "
            "people page instead.",
        ],
        "button": "Send the email",
        "cancel_url": reverse("clusters:detail", args=[cluster.pk]),
    }
    return form_page(
        request,
        forms.InviteHeadForm(posted(request)),
        apply,
        done=lambda result: head_emailed(*result, school_name=school.name),
        next_url=reverse("clusters:detail", args=[cluster.pk]),
        page=page,
    )


def head_emailed(invited: Invited, sent: bool, *, school_name: str) -> str:
    if sent:
        return (
            f"{invited.person} has been emailed a link to choose a password, become the leader "
            f"of {school_name} and answer the invitation."
        )
    return (
        f"The email to {invited.person} ({invited.person.email}) could not be sent. Check the "
        f"address and send it again with “invite the head of {school_name} by email”."
    )


@login_required
def accept_head(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    found = invitations.read_head_invitation(token)
    if found is None or found[0].person_id != request.user.pk:
        raise Http404  # another person's link, or not one of ours: they may not know of it
    invitation, then = found
    school = invitation.school
    then = then or reverse("home")
    page = {
        "title": f"Become the leader of {school.name} on Collegium",
        "summary": f"You were invited to lead {school.name} on Collegium. As its leader you "
        "answer its invitations, approve its staff's days for peer review and see its reviews.",
        "button": "Accept",
        "cancel_url": reverse("home"),
    }
    return confirm_page(
        request,
        lambda: invitations.accept_head(request.user, invitation),
        done=f"You are now the leader of {school.name} on Collegium.",
        next_url=then,
        page=page,
        template="people/accept_head.html",
    )


@login_required
def invite_reviewer(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require(request.user, "people.manage_roles")

    def apply(data: dict[str, Any]) -> tuple[Invited, bool]:
        invited = invitations.invite_reviewer(request.user, **data)
        if not invited.new_account:
            return invited, False
        next_url = reverse("people:my-record")
        return invited, send_invitation(request, invited.person, next_url=next_url)

    return form_page(
        request,
        forms.InviteReviewerForm(posted(request)),
        apply,
        done=lambda result: reviewer_invited(*result),
        next_url=lambda result: reverse(
            "people:record", args=[result[0].person.reviewer_profile.pk]
        ),
        page={},
        template="people/invite_reviewer.html",
    )


def reviewer_invited(invited: Invited, sent: bool) -> str:
    on_register = f"{invited.person} is on the reviewer register"
    if not invited.new_account:
        return on_register + "."
    if sent:
        return on_register + " and has been emailed a link to choose a password."
    return (
        f"{on_register}, but the email with the link to choose a password could not be sent. "
        "Ask them to choose a password from the sign-in page, through “I have forgotten my "
        "password”."
    )


@login_required
def approve_days_unheaded(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    profile = access.get_reviewer_for(request.user, pk, "reviewer.approve_days_unheaded")
    record_url = reverse("people:record", args=[profile.pk])
    page = {
        "title": "Approve days for reviewing",
        "caption": f"{profile.user}, {profile.job_title}",
        "intro": [
            f"Nobody else leads {profile.home_school.name} on Collegium, so you can approve "
            "the days the school releases them for peer review in its head's place.",
            "Your name and your reason are recorded with the approval. Once the school has "
            "another leader on Collegium, they approve the days.",
        ],
        "button": "Approve days",
        "cancel_url": record_url,
    }
    return form_page(
        request,
        forms.ApproveDaysUnheadedForm(
            posted(request), initial={"academic_year": current_academic_year()}
        ),
        lambda data: capacity.approve_days_unheaded(request.user, profile, **data),
        done=f"Days approved for {profile.user}.",
        next_url=record_url,
        page=page,
    )
