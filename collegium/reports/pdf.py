"""Reports as PDF with WeasyPrint: a report is a few pages with one inline SVG chart and no
external resources, yet takes 1–3 s to render, so each PDF is rendered once for the HTML it
comes from and kept (`KeptPdf`): the HTML is cheap to make, and any change to the report or to
what it shows changes it. Each PDF names the day it was produced, so a kept PDF lasts a day.

The pages are laid out with CSS paged media (`reports/pdf/_style.html`): a cover, a running
header naming the school and the review, page numbers, and on every page the day the copy was
produced and the report's version.

Every PDF is tagged as PDF/UA-1 (ISO 14289): a structure tree of headings, paragraphs, lists and
tables that screen readers follow, marked as tagged, with the document's language and title
from the template's `<html lang>` and `<title>`, and its fonts embedded."""

import hashlib
import logging
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from collegium.reports.models import KeptPdf, Report
from collegium.reports.selectors import moderation_state


class _SvgStyleNoise(logging.Filter):
    """WeasyPrint warns about every SVG-only property in matplotlib's style attributes (fill,
    stroke…), which it then applies anyway: hundreds of log lines per report, none useful."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "unknown property" not in record.getMessage()


logging.getLogger("weasyprint").addFilter(_SvgStyleNoise())


def cover_context(report: Report) -> dict[str, Any]:
    """What the confidential report's cover adds to its body: the moderation state and the day."""
    cover = {"moderation": moderation_state(report.review), "produced_on": timezone.localdate()}
    return {"cover": cover}


PDF_VARIANT = "pdf/ua-1"  # tagged, with /Lang and the title shown in the window's bar


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported here: loading pango is slow and only PDFs need it

    pdf: bytes = HTML(string=html, base_url=None).write_pdf(pdf_variant=PDF_VARIANT)
    return pdf


def kept_pdf(report: Report, kind: str, html: str) -> bytes:
    """The PDF of this HTML: the kept one if it was rendered from the same HTML, else rendered
    now and kept in place of the old one."""
    key = hashlib.sha256(f"{PDF_VARIANT}\n{html}".encode()).hexdigest()  # untagged ones go
    kept = KeptPdf.objects.filter(report=report, kind=kind, key=key)
    stored = kept.values_list("pdf", flat=True).first()
    if stored is not None:
        return bytes(stored)
    rendered = render_pdf(html)
    try:
        with transaction.atomic():
            KeptPdf.objects.update_or_create(
                report=report, kind=kind, defaults={"key": key, "pdf": rendered}
            )
    except IntegrityError:
        pass  # rendered at the same moment by another request, which kept it
    return rendered


def pdf_response(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    filename: str,
    kept_as: tuple[Report, str] | None = None,
) -> HttpResponse:
    """The PDF of the template, rendered now, or once and kept when `kept_as` names the report
    and the kind of PDF. Callers check access first: the kept file is served as it is."""
    context = context | {"produced_on": timezone.localdate()}
    html = render_to_string(template, context, request=request)
    content = kept_pdf(*kept_as, html) if kept_as else render_pdf(html)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
