"""V1 question banks for network admins: the list, a version, its download as YAML or JSON,
importing a file as a new draft, and publishing."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from collegium import access
from collegium.frameworks.views import documents
from collegium.pages import confirm_page, posted, render_page
from collegium.voice import exchange, selectors
from collegium.voice.forms import ImportForm
from collegium.voice.models import BankVersion
from collegium.voice.services import banks


def version_url(version: BankVersion) -> str:
    return reverse("voice:version", args=[version.bank.slug, version.number])


@require_GET
@login_required
def bank_list(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "voice.banks")
    context = {"banks": selectors.banks_with_versions()}
    return render_page(request, "voice/banks.html", context)


@require_GET
@login_required
def version(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    found = access.get_bank_version_for(request.user, slug, number)
    context = {
        "version": found,
        "questions": selectors.questions_of(found),
        "scale": selectors.scale_of(found),
    }
    return render_page(request, "voice/version.html", context)


@require_GET
@login_required
def download(request: HttpRequest, slug: str, number: int, fmt: str) -> HttpResponse:
    found = access.get_bank_version_for(request.user, slug, number)
    return documents.download_file(found, fmt, exchange.export_text)


@login_required
def import_bank(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "voice.banks")
    form = ImportForm(posted(request), request.FILES or None)
    return documents.import_file(
        request, form, exchange.import_text, next_url=version_url, template="voice/import.html"
    )


@login_required
def publish(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    found = access.get_bank_version_for(request.user, slug, number)
    return confirm_page(
        request,
        lambda: banks.publish_version(request.user, found),
        done=f"Version {found.number} has been published",
        next_url=version_url(found),
        page={
            "title": f"Publish version {found.number} of {found.bank.name}",
            "summary": "Schools can then open surveys with it.",
            "warning": "A published version never changes.",
            "button": "Publish",
            "cancel_url": version_url(found),
        },
    )
