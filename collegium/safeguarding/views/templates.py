"""G1 audit templates for network admins: the list, a version, its download as YAML or JSON,
importing a file as a new draft, a new version from the latest, and publishing."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from collegium import access
from collegium.frameworks.views import documents
from collegium.pages import confirm_page, form_page, posted, render_page
from collegium.safeguarding import exchange, selectors
from collegium.safeguarding.forms import ImportForm, VersionForm
from collegium.safeguarding.models import TemplateVersion
from collegium.safeguarding.services import templates


def version_url(version: TemplateVersion) -> str:
    return reverse("safeguarding:version", args=[version.template.slug, version.number])


@require_GET
@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "safeguarding.templates")
    context = {"templates": selectors.templates_with_versions()}
    return render_page(request, "safeguarding/templates.html", context)


@require_GET
@login_required
def version(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    found = access.get_template_version_for(request.user, slug, number)
    context = {"version": found, "sections": selectors.sections_of(found)}
    return render_page(request, "safeguarding/version.html", context)


@require_GET
@login_required
def download(request: HttpRequest, slug: str, number: int, fmt: str) -> HttpResponse:
    found = access.get_template_version_for(request.user, slug, number)
    return documents.download_file(found, fmt, exchange.export_text)


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "safeguarding.templates")
    form = ImportForm(posted(request), request.FILES or None)
    return documents.import_file(
        request,
        form,
        exchange.import_text,
        next_url=version_url,
        template="safeguarding/import.html",
    )


@login_required
def new_version(request: HttpRequest, slug: str) -> HttpResponse:
    template = access.get_audit_template_for(request.user, slug)
    return form_page(
        request,
        VersionForm(posted(request)),
        lambda data: templates.create_version(request.user, template, data["notes"]),
        done=lambda found: f"Version {found.number} has been created as a draft",
        next_url=version_url,
        page={
            "title": f"A new version of {template.name}",
            "intro": [
                "The new version starts as a copy of the latest one. Download it, change it and "
                "import it again, then publish it: audits already started keep their version."
            ],
            "button": "Create the version",
            "cancel_url": reverse("safeguarding:templates"),
        },
    )


@login_required
def publish(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    found = access.get_template_version_for(request.user, slug, number)
    return confirm_page(
        request,
        lambda: templates.publish_version(request.user, found),
        done=f"Version {found.number} has been published",
        next_url=version_url(found),
        page={
            "title": f"Publish version {found.number} of {found.template.name}",
            "summary": "Schools can then start audits on it.",
            "warning": "A published version never changes.",
            "button": "Publish",
            "cancel_url": version_url(found),
        },
    )
