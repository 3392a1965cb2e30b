from typing import Any

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render

from collegium import access
from collegium.schools import selectors, services
from collegium.schools.forms import SchoolDetailsForm, SchoolSearchForm

RESULTS_PER_PAGE = 25


def _posted(request: HttpRequest) -> QueryDict | None:
    """The submitted data, or None for a page view (an empty POST is still a submission)."""
    return request.POST if request.method == "POST" else None


def search(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "school.view")
    form = SchoolSearchForm(request.GET or None, local_authorities=selectors.local_authorities())
    context: dict[str, Any] = {"form": form, "page": None}
    if form.is_bound and form.is_valid() and form.has_criteria():
        data = form.cleaned_data
        schools = selectors.search_schools(data["q"], data["phase"], data["la"])
        page = Paginator(schools, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        context |= {"page": page, "pagination": pagination_for(page, request.GET)}
    elif not form.errors:
        context["register_size"] = selectors.register_size()
    return render(request, "schools/search.html", context, status=400 if form.errors else 200)


def pagination_for(page: Page, query: QueryDict) -> dict[str, Any]:
    """Parameters for the GOV.UK pagination component: first, last and neighbours of the page."""

    def href(number: int) -> str:
        params = query.copy()
        params["page"] = str(number)
        return "?" + params.urlencode()

    last = page.paginator.num_pages
    shown = sorted(
        {1, last, page.number - 1, page.number, page.number + 1} & set(range(1, last + 1))
    )
    items: list[dict[str, Any]] = []
    for number in shown:
        if items and number - items[-1]["number"] > 1:
            items.append({"ellipsis": True, "number": number - 1})
        items.append({"number": number, "href": href(number), "current": number == page.number})
    return {
        "items": items if last > 1 else [],
        "previous": {"href": href(page.number - 1)} if page.has_previous() else None,
        "next": {"href": href(page.number + 1)} if page.has_next() else None,
    }


def detail(request: HttpRequest, urn: int) -> HttpResponse:
    school = access.get_school_for(request.user, urn)
    return render(request, "schools/detail.html", {"page": selectors.school_page(school)})


def edit(request: HttpRequest, urn: int) -> HttpResponse:
    school = access.get_school_for(request.user, urn, "school.edit")
    form = SchoolDetailsForm(_posted(request), initial={"trust_name": school.trust_name})
    if request.method == "POST" and form.is_valid():
        services.update_school_details(request.user, school, form.cleaned_data["trust_name"])
        messages.success(request, f"The details of {school.name} have been saved.")
        return redirect("schools:detail", urn=school.urn)
    status = 400 if form.errors else 200
    return render(request, "schools/edit.html", {"form": form, "school": school}, status=status)
