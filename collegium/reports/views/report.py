"""The confidential report: its page, the lead's draft, the school's check with its points, the
lead's answers to them, and the report's sharing."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from collegium import access
from collegium.pages import form_page, posted, render_page
from collegium.reports import publication, selectors
from collegium.reports.charts import chart_for
from collegium.reports.forms import AccuracyCheckForm, AnswerForm, DraftForm, PointForm, ShareForm
from collegium.reports.models import AccuracyComment, KeptPdf, Report
from collegium.reports.pdf import cover_context, pdf_response
from collegium.reports.services import check, cycle
from collegium.reports.sharing import readers_of, share_report
from collegium.types import AuthenticatedHttpRequest, Person
from collegium.voice.selectors import research_in_report


def _points(user: Person, report: Report) -> list[selectors.NumberedComment]:
    """The school's points; those of a check still running only to the school, until it sends
    the check or its days pass."""
    points = selectors.numbered_comments(report)
    running = report.status == Report.Status.ACCURACY_CHECK and not cycle.check_has_ended(report)
    if not running or access.can(user, "report.respond", report):
        return points
    return [point for point in points if not point.in_latest_check]


def body_context(user: Person, report: Report) -> dict[str, Any]:
    """What the report's body needs, in the page and in the PDF."""
    if not selectors.may_read_text(user, report):
        return {"report": report, "review": report.review, "content": None}
    content = selectors.report_content(report)
    return {
        "report": report,
        "review": report.review,
        "content": content,
        "chart": chart_for(content),
        "points": _points(user, report),
        "research": research_in_report(report.review_id),
    }


def _status_context(user: Person, report: Report) -> dict[str, Any]:
    points = _points(user, report)
    return {
        "may_write": access.can(user, "report.write", report),
        "may_respond": access.can(user, "report.respond", report),
        "may_publish": access.can(user, "report.publish", report),
        "sending_blockers": cycle.sending_blockers(report),
        "publication_blockers": publication.publication_blockers(report),
        "check_ended": cycle.check_has_ended(report),
        "days_left": cycle.working_days_left(report),
        "points": points,
        "unanswered": [point for point in points if not point.comment.is_answered],
        "readers": readers_of(report),
        "audiences": [Report.Audience(a).label for a in report.shared_with],
    }


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for(request.user, pk)
    context = body_context(request.user, report) | _status_context(request.user, report)
    return render_page(request, "reports/report.html", context)


@login_required
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for(request.user, pk)
    if not selectors.may_read_text(request.user, report):
        raise Http404
    context = body_context(request.user, report) | cover_context(report)
    kept_as = (report, KeptPdf.Kind.REPORT)
    filename = f"report-{report.pk}.pdf"
    return pdf_response(request, "reports/pdf/report.html", context, filename, kept_as)


def _report_url(report: Report) -> str:
    return reverse("reports:report", args=[report.pk])


def _check_url(report: Report) -> str:
    return reverse("reports:accuracy-check", args=[report.pk])


@login_required
def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for(request.user, pk, "report.write")
    initial = {
        "developmental_report": report.developmental_report,
        "summary": report.summary,
        "revision": report.revision,
    }
    return form_page(
        request,
        DraftForm(posted(request), initial=initial),
        lambda data: cycle.save_draft(
            request.user,
            report,
            data["developmental_report"],
            data["summary"],
            data["revision"],
        ),
        done="The draft report has been saved.",
        next_url=_report_url(report),
        page={"report": report, "review": report.review},
        template="reports/edit.html",
    )


def _check_context(
    user: Person,
    report: Report,
    form: Form | None = None,
    point_form: Form | None = None,
    refused: Form | None = None,
) -> dict[str, Any]:
    """The school's check: the points raised, a form to add one, and the check to send."""
    return body_context(user, report) | {
        "point_form": point_form or PointForm(),
        "form": form or AccuracyCheckForm(initial={"revision": report.revision}),
        "refused": refused,
        "points": selectors.numbered_comments(report),
        "refusal": check.checking_refusal(report),
        "days_left": cycle.working_days_left(report),
    }


@login_required
def accuracy_check(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for(request.user, pk, "report.respond")
    form = AccuracyCheckForm(posted(request), initial={"revision": report.revision})
    return form_page(
        request,
        form,
        lambda data: check.complete_accuracy_check(
            request.user, report, data["agree_summary"], data["revision"]
        ),
        done="Your factual accuracy check has been sent to the lead.",
        next_url=_report_url(report),
        page=lambda: _check_context(request.user, report, form),
        template="reports/accuracy_check.html",
    )


@login_required
@require_POST
def add_point(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for(request.user, pk, "report.respond")
    form = PointForm(request.POST)
    return form_page(
        request,
        form,
        lambda data: check.add_comment(request.user, report, data["text"]),
        done="Your point has been added. Add another, or send the check.",
        next_url=_check_url(report),
        page=lambda: _check_context(request.user, report, point_form=form),
        template="reports/accuracy_check.html",
    )


@login_required
@require_POST
def remove_point(request: AuthenticatedHttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    report = access.get_report_for(request.user, pk, "report.respond")
    comment = access.get_part(report.accuracy_comments.all(), pk=comment_pk)
    refused = Form(request.POST)
    return form_page(
        request,
        refused,
        lambda _: check.withdraw_comment(request.user, report, comment),
        done="The point has been removed.",
        next_url=_check_url(report),
        page=lambda: _check_context(request.user, report, refused=refused),
        template="reports/accuracy_check.html",
    )


def _answer_form(comment: AccuracyComment, data: Any = None) -> AnswerForm:
    corrected = comment.is_corrected
    initial = {
        "outcome": comment.outcome,
        "corrected_from": comment.corrected_from,
        "corrected_to": comment.answer if corrected else "",
        "reason": comment.answer if comment.is_answered and not corrected else "",
    }
    return AnswerForm(data, initial=initial, prefix=f"point-{comment.pk}")


def _comments_context(
    request: HttpRequest, report: Report, posted_form: tuple[int, AnswerForm] | None = None
) -> dict[str, Any]:
    """Every point with its answer and, for the lead while answers can be given, a form each."""
    points = _points(request.user, report)
    refusal = check.answering_refusal(report)
    may_answer = access.can(request.user, "report.write", report)
    forms = {}
    if may_answer and refusal is None:
        forms = {point.comment.pk: _answer_form(point.comment) for point in points}
        forms.update([posted_form] if posted_form else [])
    return {
        "report": report,
        "review": report.review,
        "points": points,
        "forms": forms,
        "posted": posted_form[1] if posted_form else None,
        "refusal": refusal if may_answer else None,
    }


@login_required
def comments(request: HttpRequest, pk: int) -> HttpResponse:
    # Moderators read the comments and answers without reading the report itself.
    found = Report.objects.select_related("review__school")
    report = access.get_for(request.user, found, "report.read_comments", pk=pk)
    return render_page(request, "reports/comments.html", _comments_context(request, report))


@login_required
@require_POST
def answer(request: AuthenticatedHttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    report = access.get_report_for(request.user, pk, "report.write")
    comment = access.get_part(report.accuracy_comments.all(), pk=comment_pk)
    form = _answer_form(comment, request.POST)

    def apply(data: dict[str, Any]) -> None:
        outcome, corrected_from = data["outcome"], data["corrected_from"]
        check.answer_comment(request.user, report, comment, outcome, form.answer, corrected_from)

    return form_page(
        request,
        form,
        apply,
        done="Your answer has been saved.",
        next_url=reverse("reports:comments", args=[report.pk]),
        page=lambda: _comments_context(request, report, (comment.pk, form)),
        template="reports/comments.html",
    )


@login_required
def share(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for(request.user, pk, "report.respond")
    initial = {"audiences": report.shared_with, "readers": "\n".join(readers_of(report))}

    def apply(data: dict[str, Any]) -> None:
        audiences = [Report.Audience(value) for value in data["audiences"]]
        share_report(request.user, report, audiences, data["readers"])

    return form_page(
        request,
        ShareForm(posted(request), initial=initial),
        apply,
        done="Who can read the report has been changed.",
        next_url=_report_url(report),
        page={"report": report, "review": report.review},
        template="reports/share.html",
    )
