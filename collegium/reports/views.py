"""The confidential report: its page, the lead's draft, the school's check and its sharing."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from collegium import access
from collegium.pages import form_page, posted
from collegium.reports import publication, selectors, services
from collegium.reports.charts import chart_for
from collegium.reports.forms import AccuracyCheckForm, DraftForm, ShareForm
from collegium.reports.models import KeptPdf, Report
from collegium.reports.pdf import pdf_response
from collegium.reports.sharing import readers_of, share_report


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return form_page(request, f"reports/{template}", context)


def body_context(user: Any, report: Report) -> dict[str, Any]:
    """What the report's body needs, in the page and in the PDF."""
    if not selectors.may_read_text(user, report):
        return {"report": report, "review": report.review, "content": None}
    content = selectors.report_content(report)
    return {
        "report": report,
        "review": report.review,
        "content": content,
        "chart": chart_for(content),
    }


def _status_context(user: Any, report: Report) -> dict[str, Any]:
    return {
        "may_write": access.can(user, "report.write", report),
        "may_respond": access.can(user, "report.respond", report),
        "may_publish": access.can(user, "report.publish", report),
        "sending_blockers": services.sending_blockers(report),
        "publication_blockers": publication.publication_blockers(report),
        "check_ended": services.check_has_ended(report),
        "days_left": services.working_days_left(report),
        "readers": readers_of(report),
        "audiences": [Report.Audience(a).label for a in report.shared_with],
    }


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for(request.user, pk)
    context = body_context(request.user, report) | _status_context(request.user, report)
    return _page(request, "report.html", context)


@login_required
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for(request.user, pk)
    if not selectors.may_read_text(request.user, report):
        raise Http404
    context = body_context(request.user, report)
    kept_as = (report, KeptPdf.Kind.REPORT)
    filename = f"report-{report.pk}.pdf"
    return pdf_response(request, "reports/pdf/report.html", context, filename, kept_as)


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for(request.user, pk, "report.write")
    initial = {
        "developmental_report": report.developmental_report,
        "summary": report.summary,
        "revision": report.revision,
    }
    form = DraftForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_draft(
                request.user,
                report,
                data["developmental_report"],
                data["summary"],
                data["revision"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The draft report has been saved.")
            return redirect("reports:report", pk=report.pk)
    return _page(request, "edit.html", {"form": form, "report": report, "review": report.review})


@login_required
def accuracy_check(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for(request.user, pk, "report.respond")
    form = AccuracyCheckForm(posted(request), initial={"revision": report.revision})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.complete_accuracy_check(
                request.user, report, data["comments"], data["agree_summary"], data["revision"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your factual accuracy check has been sent to the lead.")
            return redirect("reports:report", pk=report.pk)
    context = body_context(request.user, report) | {
        "form": form,
        "days_left": services.working_days_left(report),
    }
    return _page(request, "accuracy_check.html", context)


@login_required
def share(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for(request.user, pk, "report.respond")
    initial = {"audiences": report.shared_with, "readers": "\n".join(readers_of(report))}
    form = ShareForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        audiences = [Report.Audience(value) for value in data["audiences"]]
        try:
            share_report(request.user, report, audiences, data["readers"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Who can read the report has been changed.")
            return redirect("reports:report", pk=report.pk)
    return _page(request, "share.html", {"form": form, "report": report, "review": report.review})
