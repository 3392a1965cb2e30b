"""Public pages: a review's published summary and the list of published summaries by school."""

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from collegium import access
from collegium.links import site_link
from collegium.pagination import paginate
from collegium.reports import selectors
from collegium.reports.models import KeptPdf, Report
from collegium.reports.pdf import pdf_response

PER_PAGE = 20


def _published(request: HttpRequest, pk: int) -> Report:
    access.require(request.user, "summary.view")
    report = selectors.published_summary(pk)
    if report is None:
        raise Http404
    return report


def _summary_context(report: Report, link: Callable[..., str]) -> dict[str, Any]:
    """The summary, its card (the school's context, the findings, the moderation state, a link to
    the framework's levels) and every change to its judgements since agreement (never the
    reasons)."""
    card = selectors.summary_card(report)
    version = report.review.framework_version
    levels_url = link("frameworks:version", version.framework.slug, version.number)
    return {
        "report": report,
        "review": report.review,
        "card": card,
        "changes": card.changes,
        "levels_url": levels_url,
    }


def _path(view_name: str, *args: Any) -> str:
    return reverse(view_name, args=args)


def summary(request: HttpRequest, pk: int) -> HttpResponse:
    report = _published(request, pk)
    return render(request, "reports/summary.html", _summary_context(report, _path))


def summary_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = _published(request, pk)
    context = _summary_context(report, site_link)  # a PDF's links need the full address
    kept_as = (report, KeptPdf.Kind.SUMMARY)
    return pdf_response(request, "reports/pdf/summary.html", context, f"summary-{pk}.pdf", kept_as)


def published(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "summary.view")
    page, pagination = paginate(request, selectors.published_summaries(), PER_PAGE)
    context = {"page": page, "pagination": pagination}
    return render(request, "reports/published.html", context)
