"""One-button steps of a report: send for the check, return to draft, finalise, agree the
summary, publish. Each page says what the step does (or why it cannot be taken yet)."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from collegium import access
from collegium.pages import posted
from collegium.reports import publication
from collegium.reports.models import Report
from collegium.reports.services import check, cycle
from collegium.workingdays import add_working_days


def _step(
    request: HttpRequest,
    report: Report,
    service: Callable[[Any, Report], Report],
    context: dict[str, Any],
) -> HttpResponse:
    form = Form(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            service(request.user, report)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, context["done"])
            return redirect("reports:report", pk=report.pk)
    context |= {"form": form, "report": report, "review": report.review}
    return render(request, "reports/step.html", context, status=400 if form.errors else 200)


@login_required
def send(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for(request.user, pk, "report.write")
    due = add_working_days(timezone.localdate(), cycle.CHECK_DAYS)
    return _step(
        request,
        report,
        cycle.send_for_accuracy_check,
        {
            "title": "Send the report for a factual accuracy check",
            "explanation": f"The school will have until {due:%-d %B %Y} (5 working days) to "
            "check the report for factual errors and to agree the public summary. You cannot "
            "change the report while the school checks it.",
            "blockers": [
                reason for reason in [cycle.refusal(report, Report.Status.ACCURACY_CHECK)] if reason
            ]
            or cycle.sending_blockers(report),
            "button": "Send to the school",
            "done": "The report has been sent to the school for a factual accuracy check.",
        },
    )


@login_required
def return_to_draft(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for(request.user, pk, "report.write")
    return _step(
        request,
        report,
        cycle.return_to_draft,
        {
            "title": "Return the report to draft",
            "explanation": "You can then correct the report in response to the school's "
            "comments, record each correction as your answer, and send it again: the school "
            "gets a new check of 5 working days. Its comments and your answers are kept.",
            "blockers": cycle.step_blockers(report, Report.Status.DRAFT),
            "button": "Return to draft",
            "done": "The report is a draft again.",
        },
    )


@login_required
def finalise(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for(request.user, pk, "report.write")
    return _step(
        request,
        report,
        cycle.finalise_report,
        {
            "title": "Finalise the report",
            "explanation": "The report cannot be changed once it is final, nor your answers to "
            "the school's comments. Its summary can then be published, once the school has "
            "agreed it.",
            "blockers": cycle.step_blockers(report, Report.Status.FINAL),
            "button": "Finalise the report",
            "done": "The report is final.",
        },
    )


@login_required
def agree_summary(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for(request.user, pk, "report.respond")
    return _step(
        request,
        report,
        check.agree_summary,
        {
            "title": "Agree the public summary",
            "explanation": "Once you agree it, the summary can be published for anyone to read.",
            "show_summary": True,
            "blockers": [reason for reason in [check.agreement_refusal(report)] if reason],
            "button": "Agree the summary",
            "done": "You have agreed the public summary.",
        },
    )


@login_required
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    # Publishing needs the review, not the confidential report: a cluster coordinator may
    # publish a summary without reading the report the school has not shared with them.
    review = access.get_review_for(request.user, pk)
    report = get_object_or_404(Report, review=review)
    access.require(request.user, "report.publish", report)
    return _step(
        request,
        report,
        publication.publish_summary,
        {
            "title": "Publish the summary",
            "explanation": "Anyone will be able to read the summary on the school's page and "
            "in the list of published reviews. The developmental report stays confidential.",
            "show_summary": access.can(request.user, "summary.read_draft", report),
            "blockers": publication.publication_blockers(report),
            "button": "Publish the summary",
            "done": "The summary has been published.",
        },
    )
