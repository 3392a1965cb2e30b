"""Framework pages: the public list and version pages, downloads, and the builder's
framework-level pages (create, import, new version, publish)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from collegium import access
from collegium.frameworks import exchange, selectors, services
from collegium.frameworks.forms import FrameworkForm, ImportForm, VersionForm
from collegium.frameworks.models import FrameworkVersion
from collegium.pages import posted, render_page


def page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render_page(request, f"frameworks/{template}", context)


def to_version(version: FrameworkVersion) -> HttpResponse:
    return redirect("frameworks:version", version.framework.slug, version.number)


def framework_list(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "framework.view")
    return page(request, "list.html", {"frameworks": selectors.frameworks_for(request.user)})


def version_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = access.get_version_for(request.user, slug, number, "framework.view")
    areas = selectors.areas_of(version)
    context = {
        "version": version,
        "framework": version.framework,
        "scale": list(version.scale_levels.all()),
        "areas": [(area, selectors.strand_rows(version, area)) for area in areas],
        "others": [
            v
            for _, versions in selectors.frameworks_for(request.user)
            for v in versions
            if v.framework_id == version.framework_id and v.pk != version.pk
        ],
        "mapped": selectors.mapped_elsewhere(version),
        "editable": version.is_draft and access.can(request.user, "framework.edit"),
    }
    return page(request, "version.html", context)


def download(request: HttpRequest, slug: str, number: int, fmt: str) -> HttpResponse:
    version = access.get_version_for(request.user, slug, number, "framework.view")
    if fmt not in exchange.FORMATS:
        raise Http404
    response = HttpResponse(
        exchange.export_text(version, fmt), content_type=f"{exchange.FORMATS[fmt]}; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{exchange.file_name(version, fmt)}"'
    return response


def create(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "framework.edit")
    form = FrameworkForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            version = services.create_framework(request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"{version.framework.name} has been created. Add its scale and areas."
            )
            return to_version(version)
    return page(request, "create.html", {"form": form})


def import_framework(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "framework.edit")
    form = ImportForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = exchange.import_text(request.user, data["text"], data["format"])
        except ValidationError as error:
            form.add_error("file" if data.get("file") else "text", error)
        else:
            messages.success(
                request,
                f"Imported as version {version.number} of {version.framework.name}, a draft. "
                "Check it, then publish it.",
            )
            return to_version(version)
    return page(request, "import.html", {"form": form})


def new_version(request: HttpRequest, slug: str) -> HttpResponse:
    framework = access.get_framework_for(request.user, slug, "framework.edit")
    latest = framework.versions.order_by("-number").first()
    form = VersionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        version = services.create_version(request.user, framework, form.cleaned_data["notes"])
        messages.success(request, f"Version {version.number} has been created as a draft.")
        return to_version(version)
    context = {"form": form, "framework": framework, "latest": latest}
    return page(request, "new_version.html", context)


def publish(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = access.get_version_for(request.user, slug, number, "framework.edit")
    form = Form(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.publish_version(request.user, version)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Version {version.number} has been published.")
            return to_version(version)
    problems = services.publish_problems(version) if version.is_draft else []
    context = {"form": form, "version": version, "problems": problems}
    return page(request, "publish.html", context)
