"""One-button steps of a report: send for the check, return to draft, finalise, agree the
summary, publish. Each page says what the step does (or why it cannot be taken yet)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from collegium import access
from collegium.pages import form_page, posted
from collegium.reports import publication
from collegium.reports.models import Report
from collegium.reports.services import check, cycle
from collegium.types import AuthenticatedHttpRequest
from collegium.workingdays import add_working_days

TEMPLATE = "reports/step.html"


def _report_url(report: Report) -> str:
    return reverse("reports:report", args=[report.pk])


def _about(report: Report, **page: Any) -> dict[str, Any]:
    return {"report": report, "review": report.review, **page}


@login_required
def send(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for(request.user, pk, "report.write")
    due = add_working_days(timezone.localdate(), cycle.CHECK_DAYS)
    refusal = cycle.refusal(report, Report.Status.ACCURACY_CHECK)
    page = _about(
        report,
        title="Send the report for a factual accuracy check",
        explanation=f"The school will have until {due:%-d %B %Y} (5 working days) to check the "
        "report for factual errors and to agree the public summary. You cannot change the "
        "report while the school checks it.",
        blockers=[refusal] if refusal else cycle.sending_blockers(report),
        button="Send to the school",
    )
    return form_page(
        request,
        Form(posted(request)),
        lambda _: cycle.send_for_accuracy_check(request.user, report),
        done="The report has been sent to the school for a factual accuracy check.",
        next_url=_report_url(report),
        page=page,
        template=TEMPLATE,
    )


@login_required
def return_to_draft(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for(request.user, pk, "report.write")
    page = _about(
        report,
        title="Return the report to draft",
        explanation="You can then correct the report in response to the school's comments, "
        "record each correction as your answer, and send it again: the school gets a new check "
        "of 5 working days. Its comments and your answers are kept.",
        blockers=cycle.step_blockers(report, Report.Status.DRAFT),
        button="Return to draft",
    )
    return form_page(
        request,
        Form(posted(request)),
        lambda _: cycle.return_to_draft(request.user, report),
        done="The report is a draft again.",
        next_url=_report_url(report),
        page=page,
        template=TEMPLATE,
    )


@login_required
def finalise(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for(request.user, pk, "report.write")
    page = _about(
        report,
        title="Finalise the report",
        explanation="The report cannot be changed once it is final, nor your answers to the "
        "school's comments. Its summary can then be published, once the school has agreed it.",
        blockers=cycle.step_blockers(report, Report.Status.FINAL),
        button="Finalise the report",
    )
    return form_page(
        request,
        Form(posted(request)),
        lambda _: cycle.finalise_report(request.user, report),
        done="The report is final.",
        next_url=_report_url(report),
        page=page,
        template=TEMPLATE,
    )


@login_required
def agree_summary(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for(request.user, pk, "report.respond")
    refusal = check.agreement_refusal(report)
    page = _about(
        report,
        title="Agree the public summary",
        explanation="Once you agree it, the summary can be published for anyone to read.",
        show_summary=True,
        blockers=[refusal] if refusal else [],
        button="Agree the summary",
    )
    return form_page(
        request,
        Form(posted(request)),
        lambda _: check.agree_summary(request.user, report),
        done="You have agreed the public summary.",
        next_url=_report_url(report),
        page=page,
        template=TEMPLATE,
    )


@login_required
def publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    # Publishing needs the review, not the confidential report: a cluster coordinator may
    # publish a summary without reading the report the school has not shared with them.
    review = access.get_review_for(request.user, pk)
    report = access.get_part(Report.objects.all(), review=review)
    access.require(request.user, "report.publish", report)
    page = _about(
        report,
        title="Publish the summary",
        explanation="Anyone will be able to read the summary on the school's page and in the "
        "list of published reviews. The developmental report stays confidential.",
        show_summary=access.can(request.user, "summary.read_draft", report),
        blockers=publication.publication_blockers(report),
        button="Publish the summary",
    )
    return form_page(
        request,
        Form(posted(request)),
        lambda _: publication.publish_summary(request.user, report),
        done="The summary has been published.",
        next_url=_report_url(report),
        page=page,
        template=TEMPLATE,
    )
