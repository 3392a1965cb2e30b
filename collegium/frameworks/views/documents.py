"""What the pages of every versioned document share (frameworks, safeguarding audit templates,
voice question banks): a version's download as YAML or JSON, and importing a file as a new
draft. The caller has checked access first."""

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse

from collegium.frameworks import exchange
from collegium.frameworks.forms import ImportForm
from collegium.frameworks.versioning import DocumentVersion
from collegium.pages import NextUrl, form_page


def download_file[V: DocumentVersion](
    version: V, fmt: str, export_text: Callable[[V, str], str]
) -> HttpResponse:
    if fmt not in exchange.FORMATS:
        raise Http404
    response = HttpResponse(
        export_text(version, fmt), content_type=f"{exchange.FORMATS[fmt]}; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{exchange.file_name(version, fmt)}"'
    return response


def import_file(
    request: HttpRequest,
    form: ImportForm,
    import_text: Callable[[Any, str, str | None], DocumentVersion],
    *,
    next_url: NextUrl,
    template: str,
) -> HttpResponse:
    return form_page(
        request,
        form,
        lambda data: import_text(request.user, data["text"], data["format"]),
        done=lambda version: (
            f"Imported as version {version.number} of "
            f"{version.document.name}, a draft. Check it, then publish it."
        ),
        next_url=next_url,
        template=template,
        # The problems found in the file are shown beside what was sent: the file or the text.
        refused=lambda error: form.add_error(
            "file" if form.cleaned_data.get("file") else "text", error
        ),
    )
