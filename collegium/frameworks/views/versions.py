"""Framework pages: the public list and version pages, downloads, and the builder's
framework-level pages (create, import, new version, publish)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from collegium import access
from collegium.frameworks import exchange, selectors, services
from collegium.frameworks.forms import FrameworkForm, ImportForm, VersionForm
from collegium.frameworks.models import FrameworkVersion
from collegium.frameworks.views import documents
from collegium.pages import form_page, posted, render_page
from collegium.types import AuthenticatedHttpRequest


def version_url(version: FrameworkVersion) -> str:
    return reverse("frameworks:version", args=[version.framework.slug, version.number])


def framework_list(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "framework.view")
    frameworks = selectors.frameworks_for(request.user)
    return render_page(request, "frameworks/list.html", {"frameworks": frameworks})


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
    return render_page(request, "frameworks/version.html", context)


def download(request: HttpRequest, slug: str, number: int, fmt: str) -> HttpResponse:
    version = access.get_version_for(request.user, slug, number, "framework.view")
    return documents.download_file(version, fmt, exchange.export_text)


@login_required
def create(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require(request.user, "framework.edit")
    return form_page(
        request,
        FrameworkForm(posted(request)),
        lambda data: services.create_framework(request.user, **data),
        done=lambda version: f"{version.framework.name} has been created. Add its scale and areas.",
        next_url=version_url,
        template="frameworks/create.html",
    )


@login_required
def import_framework(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require(request.user, "framework.edit")
    form = ImportForm(posted(request), request.FILES or None)
    return documents.import_file(
        request, form, exchange.import_text, next_url=version_url, template="frameworks/import.html"
    )


@login_required
def new_version(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    framework = access.get_framework_for(request.user, slug, "framework.edit")
    latest = framework.versions.order_by("-number").first()
    return form_page(
        request,
        VersionForm(posted(request)),
        lambda data: services.create_version(request.user, framework, data["notes"]),
        done=lambda version: f"Version {version.number} has been created as a draft.",
        next_url=version_url,
        page={"framework": framework, "latest": latest},
        template="frameworks/new_version.html",
    )


@login_required
def publish(request: AuthenticatedHttpRequest, slug: str, number: int) -> HttpResponse:
    version = access.get_version_for(request.user, slug, number, "framework.edit")

    def shown() -> dict[str, Any]:
        problems = services.publish_problems(version) if version.is_draft else []
        return {"version": version, "problems": problems}

    return form_page(
        request,
        Form(posted(request)),
        lambda data: services.publish_version(request.user, version),
        done=f"Version {version.number} has been published.",
        next_url=version_url(version),
        page=shown,
        template="frameworks/publish.html",
    )
