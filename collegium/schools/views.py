from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from collegium import access
from collegium.clusters.selectors import current_place_of
from collegium.pages import posted
from collegium.pagination import paginate
from collegium.reports.selectors import published_summaries_of
from collegium.schools import selectors, services
from collegium.schools.forms import SchoolDetailsForm, SchoolSearchForm
from collegium.types import AuthenticatedHttpRequest

RESULTS_PER_PAGE = 25


def search(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "school.view")
    form = SchoolSearchForm(request.GET or None, local_authorities=selectors.local_authorities())
    context: dict[str, Any] = {"form": form, "page": None}
    if form.is_bound and form.is_valid() and form.has_criteria():
        data = form.cleaned_data
        schools = selectors.search_schools(data["q"], data["phase"], data["la"])
        page, pagination = paginate(request, schools, RESULTS_PER_PAGE)
        context |= {"page": page, "pagination": pagination}
    elif not form.errors:
        context["register_size"] = selectors.register_size()
    return render(request, "schools/search.html", context, status=400 if form.errors else 200)


def detail(request: HttpRequest, urn: int) -> HttpResponse:
    school = access.get_school_for(request.user, urn)
    context = {
        "page": selectors.school_page(school),
        "membership": current_place_of(school),
        "published_summaries": published_summaries_of(school),
    }
    return render(request, "schools/detail.html", context)


@login_required
def edit(request: AuthenticatedHttpRequest, urn: int) -> HttpResponse:
    school = access.get_school_for(request.user, urn, "school.edit")
    form = SchoolDetailsForm(posted(request), initial={"trust_name": school.trust_name})
    if request.method == "POST" and form.is_valid():
        services.update_school_details(request.user, school, form.cleaned_data["trust_name"])
        messages.success(request, f"The details of {school.name} have been saved.")
        return redirect("schools:detail", urn=school.urn)
    status = 400 if form.errors else 200
    return render(request, "schools/edit.html", {"form": form, "school": school}, status=status)
