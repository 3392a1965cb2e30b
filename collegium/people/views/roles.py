"""Network admins add people and grant or revoke their roles."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from collegium import access
from collegium.pages import confirm_page, form_page, posted
from collegium.pagination import paginate
from collegium.people import forms, selectors
from collegium.people.services import roles as services
from collegium.people.views.common import PER_PAGE
from collegium.types import AuthenticatedHttpRequest

ROLES_URL = "people:roles"


def roles(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "people.manage_roles")
    form = forms.PeopleSearchForm(request.GET)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    page, pagination = paginate(request, selectors.people_with_roles(q), PER_PAGE)
    context = {"form": form, "page": page, "pagination": pagination}
    return render(request, "people/roles.html", context)


@login_required
def add_person(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require(request.user, "people.manage_roles")

    def apply(data: dict[str, Any]) -> bool:
        person = services.add_person(request.user, **data)
        return services.send_invitation(request, person)

    page = {
        "title": "Add a person",
        "intro": [
            "They get an email with a link to choose their password. Grant them a role "
            "once they are added."
        ],
        "button": "Add and send the email",
        "cancel_url": reverse(ROLES_URL),
    }
    return form_page(
        request,
        forms.AddPersonForm(posted(request)),
        apply,
        done=added,
        next_url=reverse(ROLES_URL),
        page=page,
    )


def added(sent: bool) -> str:
    if sent:
        return "The person has been added and emailed a link to choose their password."
    return (
        "The person has been added, but the email with the link to choose their password "
        "could not be sent. Ask them to choose a password from the sign-in page, through "
        "“I have forgotten my password”."
    )


@login_required
def grant_role(request: AuthenticatedHttpRequest, user_pk: int) -> HttpResponse:
    person = access.get_person_for(request.user, user_pk)

    def apply(data: dict[str, Any]) -> None:
        services.grant_role(request.user, person, **data)
        if person.pk == request.user.pk:
            access.forget_roles(request.user)

    page = {
        "title": "Grant a role",
        "caption": f"{person} ({person.email})",
        "intro": [
            "A school leader or governor needs a school, and a cluster coordinator a "
            "cluster. Moderators, adjudicators and network admins act across the network."
        ],
        "button": "Grant the role",
        "cancel_url": reverse(ROLES_URL),
    }
    return form_page(
        request,
        forms.GrantRoleForm(posted(request)),
        apply,
        done=f"The role has been granted to {person}.",
        next_url=reverse(ROLES_URL),
        page=page,
    )


@login_required
def revoke_role(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    grant = access.get_grant_for(request.user, pk)

    def apply() -> None:
        services.revoke_role(request.user, grant)
        if grant.user_id == request.user.pk:
            access.forget_roles(request.user)

    page = {
        "title": "Revoke a role",
        "caption": f"{grant.user} ({grant.user.email})",
        "summary": str(grant),
        "button": "Revoke",
        "cancel_url": reverse(ROLES_URL),
    }
    return confirm_page(
        request,
        apply,
        done=f"The role has been revoked from {grant.user}.",
        next_url=reverse(ROLES_URL),
        page=page,
    )
