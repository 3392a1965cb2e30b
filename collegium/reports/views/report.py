"""The confidential report: its page, the lead's draft, the school's check with its points, the
lead's answers to them, and the report's sharing."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from collegium import access
from collegium.pages import posted, render_page
from collegium.reports import publication, selectors
from collegium.reports.charts import chart_for
from collegium.reports.forms import AccuracyCheckForm, AnswerForm, DraftForm, PointForm, ShareForm
from collegium.reports.models import AccuracyComment, KeptPdf, Report
from collegium.reports.pdf import cover_context, pdf_response
from collegium.reports.services import check, cycle
from collegium.reports.sharing import readers_of, share_report


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render_page(request, f"reports/{template}", context)


def _points(user: Any, report: Report) -> list[selectors.NumberedComment]:
    """The school's points; those of a check still running only to the school, until it sends
    the check or its days pass."""
    points = selectors.numbered_comments(report)
    running = report.status == Report.Status.ACCURACY_CHECK and not cycle.check_has_ended(report)
    if not running or access.can(user, "report.respond", report):
        return points
    return [point for point in points if not point.in_latest_check]


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
        "points": _points(user, report),
    }


def _status_context(user: Any, report: Report) -> dict[str, Any]:
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
    return _page(request, "report.html", context)


@login_required
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for(request.user, pk)
    if not selectors.may_read_text(request.user, report):
        raise Http404
    context = body_context(request.user, report) | cover_context(report)
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
            cycle.save_draft(
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


def _check_page(request: HttpRequest, report: Report, **forms: Form) -> HttpResponse:
    """The school's check: the points raised, a form to add one, and the check to send."""
    context = body_context(request.user, report) | {
        "point_form": forms.get("point_form") or PointForm(),
        "form": forms.get("form") or AccuracyCheckForm(initial={"revision": report.revision}),
        "refused": forms.get("refused"),
        "points": selectors.numbered_comments(report),
        "refusal": check.checking_refusal(report),
        "days_left": cycle.working_days_left(report),
    }
    status = 400 if any(form.errors for form in forms.values()) else 200
    return render(request, "reports/accuracy_check.html", context, status=status)


@login_required
def accuracy_check(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for(request.user, pk, "report.respond")
    form = AccuracyCheckForm(posted(request), initial={"revision": report.revision})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            check.complete_accuracy_check(
                request.user, report, data["agree_summary"], data["revision"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your factual accuracy check has been sent to the lead.")
            return redirect("reports:report", pk=report.pk)
    return _check_page(request, report, form=form)


@login_required
@require_POST
def add_point(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_report_for(request.user, pk, "report.respond")
    form = PointForm(request.POST)
    if form.is_valid():
        try:
            check.add_comment(request.user, report, form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your point has been added. Add another, or send the check.")
            return redirect("reports:accuracy-check", pk=report.pk)
    return _check_page(request, report, point_form=form)


@login_required
@require_POST
def remove_point(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    report = access.get_report_for(request.user, pk, "report.respond")
    comment = get_object_or_404(AccuracyComment, report=report, pk=comment_pk)
    try:
        check.withdraw_comment(request.user, report, comment)
    except ValidationError as error:
        refused = Form({})
        refused.add_error(None, error)
        return _check_page(request, report, refused=refused)
    messages.success(request, "The point has been removed.")
    return redirect("reports:accuracy-check", pk=report.pk)


def _answer_form(comment: AccuracyComment, data: Any = None) -> AnswerForm:
    corrected = comment.is_corrected
    initial = {
        "outcome": comment.outcome,
        "corrected_from": comment.corrected_from,
        "corrected_to": comment.answer if corrected else "",
        "reason": comment.answer if comment.is_answered and not corrected else "",
    }
    return AnswerForm(data, initial=initial, prefix=f"point-{comment.pk}")


def _comments_page(
    request: HttpRequest, report: Report, posted_form: tuple[int, AnswerForm] | None = None
) -> HttpResponse:
    """Every point with its answer and, for the lead while answers can be given, a form each."""
    points = _points(request.user, report)
    refusal = check.answering_refusal(report)
    may_answer = access.can(request.user, "report.write", report)
    forms = {}
    if may_answer and refusal is None:
        forms = {point.comment.pk: _answer_form(point.comment) for point in points}
        forms.update([posted_form] if posted_form else [])
    context = {
        "report": report,
        "review": report.review,
        "points": points,
        "forms": forms,
        "posted": posted_form[1] if posted_form else None,
        "refusal": refusal if may_answer else None,
    }
    status = 400 if posted_form and posted_form[1].errors else 200
    return render(request, "reports/comments.html", context, status=status)


@login_required
def comments(request: HttpRequest, pk: int) -> HttpResponse:
    # Moderators read the comments and answers without reading the report itself.
    found = Report.objects.select_related("review__school")
    report = access.get_for(request.user, found, "report.read_comments", pk=pk)
    return _comments_page(request, report)


@login_required
@require_POST
def answer(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    report = access.get_report_for(request.user, pk, "report.write")
    comment = get_object_or_404(AccuracyComment, report=report, pk=comment_pk)
    form = _answer_form(comment, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            check.answer_comment(
                request.user, report, comment, data["outcome"], form.answer, data["corrected_from"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your answer has been saved.")
            return redirect("reports:comments", pk=report.pk)
    return _comments_page(request, report, (comment.pk, form))


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
