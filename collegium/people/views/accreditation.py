"""P1: moderators grant and revoke lead-reviewer accreditation."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from collegium import access
from collegium.pages import form_page, posted
from collegium.pagination import paginate
from collegium.people import forms, selectors
from collegium.people.dates import today
from collegium.people.services import accreditation as services
from collegium.people.views.common import PER_PAGE
from collegium.types import AuthenticatedHttpRequest

LIST_URL = "people:accreditation"


def accreditation_list(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "reviewer.accredit")
    page, pagination = paginate(request, selectors.accreditation_register(), PER_PAGE)
    on = today()
    rows = [
        (profile, selectors.accreditation_status(list(profile.accreditations.all()), on))
        for profile in page.object_list
    ]
    context = {"page": page, "rows": rows, "pagination": pagination}
    return render(request, "people/accreditation.html", context)


@login_required
def grant(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    profile = access.get_reviewer_for(request.user, pk, "reviewer.accredit")
    page = {
        "title": "Grant lead reviewer accreditation",
        "caption": str(profile.user),
        "intro": [
            "An accredited lead reviewer can lead review teams until the accreditation expires "
            "or is revoked. A reviewer can hold only one accreditation at a time."
        ],
        "button": "Grant accreditation",
        "cancel_url": reverse(LIST_URL),
    }
    return form_page(
        request,
        forms.GrantAccreditationForm(posted(request)),
        lambda data: services.grant_accreditation(request.user, profile, **data),
        done=f"{profile.user} is accredited as a lead reviewer.",
        next_url=reverse(LIST_URL),
        page=page,
    )


@login_required
def revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    profile = access.get_reviewer_for(request.user, pk, "reviewer.accredit")
    accreditations = list(profile.accreditations.order_by("-granted_on"))
    current = selectors.accreditation_status(accreditations, today()).current
    if current is None:
        raise Http404
    page = {
        "title": "Revoke lead reviewer accreditation",
        "caption": str(profile.user),
        "intro": [
            f"Accredited from {current.granted_on:%-d %B %Y} to {current.expires_on:%-d %B %Y}. "
            "Revoking it takes effect today."
        ],
        "button": "Revoke accreditation",
        "cancel_url": reverse(LIST_URL),
    }
    return form_page(
        request,
        forms.RevokeAccreditationForm(posted(request)),
        lambda data: services.revoke_accreditation(request.user, current, **data),
        done=f"The accreditation of {profile.user} has been revoked.",
        next_url=reverse(LIST_URL),
        page=page,
    )
