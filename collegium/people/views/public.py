"""Public pages (P2): the list of reviewers and each reviewer's transparency profile."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from collegium import access
from collegium.pagination import paginate
from collegium.people import selectors
from collegium.people.forms import ReviewerFilterForm
from collegium.people.views.common import PER_PAGE


def reviewers(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "reviewer.view_profile")
    form = ReviewerFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    found = selectors.public_reviewers(data.get("phase", ""), data.get("lead", ""))
    page, pagination = paginate(request, found, PER_PAGE)
    context = {"form": form, "page": page, "pagination": pagination}
    return render(request, "people/reviewers.html", context, status=400 if form.errors else 200)


def profile(request: HttpRequest, pk: int) -> HttpResponse:
    reviewer = access.get_reviewer_for(request.user, pk, "reviewer.view_profile")
    return render(request, "people/profile.html", selectors.profile_page(reviewer))
