"""P3: a school leader approves the days their staff may spend reviewing."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from collegium import access
from collegium.pages import confirm_page, form_page, posted
from collegium.people import forms, selectors
from collegium.people.dates import academic_year_label, current_academic_year
from collegium.people.services import capacity as services
from collegium.reviews.selectors import committed_days
from collegium.types import AuthenticatedHttpRequest

STAFF_URL = "people:staff"


def staff(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "reviewer.approve_days")
    year = current_academic_year()
    reviewers = list(selectors.staff_of(request.user))
    committed = committed_days([r.pk for r in reviewers], year, [])
    for reviewer in reviewers:
        reviewer.committed = committed.get(reviewer.pk, 0)  # type: ignore[attr-defined]
    context = {
        "reviewers": reviewers,
        "this_year": academic_year_label(year),
        "next_year": academic_year_label(year + 1),
    }
    return render(request, "people/staff.html", context)


@login_required
def approve_days(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    profile = access.get_reviewer_for(request.user, pk, "reviewer.approve_days")
    approved = [
        f"Approved now: {a.days} days in {a.year_label}."
        for a in selectors.current_approvals(profile)
    ]
    page = {
        "title": "Approve days for reviewing",
        "caption": f"{profile.user}, {profile.job_title}",
        "intro": [
            "The days in the academic year that the school releases them for peer review. "
            "Approving again for the same year replaces the earlier approval.",
            *approved,
        ],
        "button": "Approve days",
        "cancel_url": reverse(STAFF_URL),
    }
    return form_page(
        request,
        forms.ApproveDaysForm(posted(request), initial={"academic_year": current_academic_year()}),
        lambda data: services.approve_days(request.user, profile, **data),
        done=f"Days approved for {profile.user}.",
        next_url=reverse(STAFF_URL),
        page=page,
    )


@login_required
def withdraw_days(request: AuthenticatedHttpRequest, pk: int, approval_pk: int) -> HttpResponse:
    profile = access.get_reviewer_for(request.user, pk, "reviewer.approve_days")
    approval = selectors.approval_of(profile, approval_pk)
    page = {
        "title": "Withdraw approved days",
        "caption": str(profile.user),
        "summary": f"{approval.days} days in {approval.year_label}",
        "warning": "Reviews already allocated stay as they are. The approval is kept in the "
        "reviewer's register as history.",
        "button": "Withdraw",
        "cancel_url": reverse(STAFF_URL),
    }
    return confirm_page(
        request,
        lambda: services.withdraw_approval(request.user, approval),
        done=f"The days approved for {profile.user} in {approval.year_label} have been withdrawn.",
        next_url=reverse(STAFF_URL),
        page=page,
    )
