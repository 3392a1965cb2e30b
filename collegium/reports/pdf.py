"""Reports as PDF with WeasyPrint, rendered in the request: a report is a few pages with one
inline SVG chart and no external resources, which renders in well under a second."""

import logging
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


class _SvgStyleNoise(logging.Filter):
    """WeasyPrint warns about every SVG-only property in matplotlib's style attributes (fill,
    stroke…), which it then applies anyway: hundreds of log lines per report, none useful."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "unknown property" not in record.getMessage()


logging.getLogger("weasyprint").addFilter(_SvgStyleNoise())


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported here: loading pango is slow and only PDFs need it

    return HTML(string=html, base_url=None).write_pdf()


def pdf_response(
    request: HttpRequest, template: str, context: dict[str, Any], filename: str
) -> HttpResponse:
    html = render_to_string(template, context, request=request)
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
