from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from collegium import access
from collegium.clusters.selectors import current_place_of
from collegium.pages import form_page, posted
from collegium.pagination import paginate
from collegium.reports.selectors import published_summaries_of
from collegium.schools import exports, picker, selectors, services, uploads
from collegium.schools.forms import (
    AddSchoolForm,
    RegisterUploadForm,
    SchoolDetailsForm,
    SchoolSearchForm,
)
from collegium.types import AuthenticatedHttpRequest

RESULTS_PER_PAGE = 25
REJECTIONS_PER_PAGE = 100


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


@login_required
def search_json(request: HttpRequest) -> JsonResponse:
    """The school picker's autocomplete: at most 10 schools matching a name, town or URN."""
    access.require(request.user, "school.view")
    schools = picker.matches_for(request.GET.get("q", "")[:100])[: picker.MATCHES_SHOWN]
    results = [
        {"urn": s.urn, "name": s.name, "town": s.town, "label": picker.label_of(s)} for s in schools
    ]
    return JsonResponse({"results": results})


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


@login_required
def add(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require(request.user, "school.edit")
    form = AddSchoolForm(posted(request), local_authorities=selectors.local_authority_choices())
    return form_page(
        request,
        form,
        lambda data: services.add_school(request.user, **data),
        done=lambda school: f"{school.name} has been added to the register",
        next_url=lambda school: reverse("schools:detail", args=[school.urn]),
        page={
            "title": "Add a school that is not in the DfE files",
            "intro": [
                "For a new or independent school the DfE files do not have yet. It is marked "
                "as added by hand until an import of the DfE files gives its URN: then the "
                "files' details replace these.",
            ],
            "button": "Add school",
            "cancel_url": reverse("schools:imports"),
        },
    )


def imports(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "school.edit")
    page, pagination = paginate(request, selectors.import_runs(), RESULTS_PER_PAGE)
    return render(request, "schools/imports.html", {"page": page, "pagination": pagination})


@login_required
def upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require(request.user, "school.edit")
    form = RegisterUploadForm(posted(request), request.FILES or None)
    return form_page(
        request,
        form,
        lambda data: uploads.start_import(request.user, data["upload"], data["allow_shrink"]),
        done="The files have been uploaded. The register is being imported: this page shows "
        "how far it has got",
        next_url=lambda run: reverse("schools:import", args=[run.pk]),
        page={"names": uploads.file_names(), "max_mb": uploads.MAX_MB},
        template="schools/upload.html",
        refused=lambda error: form.add_error("upload", error),
    )


def import_run(request: HttpRequest, pk: int) -> HttpResponse:
    run = access.get_import_run_for(request.user, pk)
    page, pagination = paginate(request, run.rejections, REJECTIONS_PER_PAGE)
    context = {"run": run, "page": page, "pagination": pagination}
    return render(request, "schools/import.html", context)


@require_GET
@login_required
def search_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The search's schools as CSV or XLSX (schools/exports.py); a search the page would refuse,
    or one with no words or filters, goes back to the page, which says what to change. The
    register page is public; its bulk download (thousands of rows a request) is for people who
    have signed in."""
    access.require(request.user, "school.view")
    form = SchoolSearchForm(request.GET, local_authorities=selectors.local_authorities())
    if not (form.is_valid() and form.has_criteria()):
        query = request.GET.urlencode()
        return redirect(reverse("schools:search") + (f"?{query}" if query else ""))
    return exports.search_table(form.cleaned_data, fmt)
