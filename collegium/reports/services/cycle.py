"""R7 the report's cycle: writing the draft, sending it for the school's factual accuracy check,
returning it to draft and finalising it. The school's side of the check, and the lead's answers
to its points, are in check.py.

TRANSITIONS is the table of allowed status changes. After the school's response the lead answers
every point it raised and either finalises the report, once every point is answered, or returns
it to draft to change it and sends it again, which starts a new check of 5 working days and
keeps the points and their answers. Every change of the report's texts or status locks its row
and raises its revision, so an edit based on an older revision is refused instead of
overwriting someone's work.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from collegium import access
from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import fingerprint, record_change, snapshot
from collegium.reports import notices
from collegium.reports.charts import chart_for
from collegium.reports.models import Report
from collegium.reports.selectors import numbered_comments, report_content
from collegium.reviews.models import Findings, Review
from collegium.workingdays import add_working_days, working_days_between

Status = Report.Status
CHECK_DAYS = 5  # working days the school has for its factual accuracy check

TRANSITIONS: dict[str, set[str]] = {
    Status.DRAFT: {Status.ACCURACY_CHECK},
    Status.ACCURACY_CHECK: {Status.DRAFT, Status.FINAL},
    Status.FINAL: {Status.PUBLISHED},
    Status.PUBLISHED: set(),
}

VERBS = {
    Status.ACCURACY_CHECK: "send the report for a factual accuracy check",
    Status.DRAFT: "return the report to draft",
    Status.FINAL: "finalise the report",
    Status.PUBLISHED: "publish the summary",
}

STATES = {
    Status.DRAFT: "a draft",
    Status.ACCURACY_CHECK: "with the school for its factual accuracy check",
    Status.FINAL: "final",
    Status.PUBLISHED: "final and its summary is published",
}

AUDITED = [
    "status",
    "summary",
    "revision",
    "accuracy_check_due",
    "accuracy_checked_at",
    "summary_agreed_at",
    "summary_agreed_by_id",
    "finalised_at",
    "published_at",
    "shared_with",
]

JUDGEMENTS_NOT_AGREED = (
    "You can send the report once the team has agreed its judgements and the improvement priority."
)
TEXTS_MISSING = "Write the developmental report and the public summary before sending the report."
STALE = (
    "{name} changed the report after you opened it. Your changes have not been saved: "
    "copy anything you need, then reload the page to see their version."
)


def audit_snapshot(report: Report) -> dict[str, Any]:
    """The report's state for the audit trail. The review's history is open to people the school
    has not allowed to read the report, so its confidential text is kept as a fingerprint (the
    school's comments and the lead's answers too: check.comment_snapshot)."""
    confidential = {"developmental_report": fingerprint(report.developmental_report)}
    return snapshot(report, AUDITED) | confidential


def refusal(report: Report, to: str) -> str | None:
    """Why the table refuses moving the report to `to`, or None when it allows it."""
    if to in TRANSITIONS[report.status]:
        return None
    return f"You cannot {VERBS[Status(to)]}: the report is {STATES[Status(report.status)]}."


def move(report: Report, to: str) -> Report:
    """Move the locked report to `to`, or refuse with the table's reason."""
    reason = refusal(report, to)
    if reason:
        raise ValidationError(reason)
    report.status = to
    return report


def lock_report(report: Report) -> Report:
    """Re-read the report with a row lock, so two requests cannot both change it."""
    return Report.objects.select_for_update().select_related("review").get(pk=report.pk)


def change_report(
    actor: User, report: Report, permission: str, action: str, apply: Callable[[Report], None]
) -> Report:
    """Lock, apply the change, raise the revision and record it in the audit trail."""
    access.require(actor, permission, report)
    with transaction.atomic():
        locked = lock_report(report)
        before = audit_snapshot(locked)
        apply(locked)
        locked.revision += 1
        locked.updated_by = actor
        locked.save()
        record_change(actor, action, locked, before, audit_snapshot(locked))
    return locked


def save_draft(
    actor: User, report: Report, developmental_report: str, summary: str, base_revision: int
) -> Report:
    def apply(locked: Report) -> None:
        if locked.revision != base_revision:
            name = locked.updated_by.full_name if locked.updated_by else "Someone else"
            raise ValidationError(STALE.format(name=name))
        if locked.status != Status.DRAFT:
            raise ValidationError(
                f"You can only change the report while it is a draft: it is "
                f"{STATES[Status(locked.status)]}."
            )
        if locked.summary.strip() != summary.strip():
            locked.summary_agreed_at, locked.summary_agreed_by = None, None
        locked.developmental_report, locked.summary = developmental_report, summary

    return change_report(actor, report, "report.write", verbs.REPORT_DRAFT_SAVED, apply)


def sending_blockers(report: Report) -> list[str]:
    """What must happen before the lead can send the report to the school."""
    review = report.review
    agreed = review.status in {Review.Status.AGREED, Review.Status.CLOSED}
    blockers = (
        []
        if agreed and Findings.objects.filter(review=review).exists()
        else [JUDGEMENTS_NOT_AGREED]
    )
    if not (report.developmental_report.strip() and report.summary.strip()):
        blockers.append(TEXTS_MISSING)
    return blockers


def send_for_accuracy_check(actor: User, report: Report, today: date | None = None) -> Report:
    def apply(locked: Report) -> None:
        move(locked, Status.ACCURACY_CHECK)
        blockers = sending_blockers(locked)
        if blockers:
            raise ValidationError(blockers)
        locked.sent_for_check_at = timezone.now()
        locked.accuracy_check_due = add_working_days(today or timezone.localdate(), CHECK_DAYS)
        locked.accuracy_checked_at = None  # the points raised and their answers are kept
        notices.check_sent(locked)  # the school's leaders, once the change commits

    sent = change_report(actor, report, "report.write", verbs.REPORT_SENT, apply)
    chart_for(report_content(sent))  # drawn now, so the school's pages only read it
    return sent


def check_has_ended(report: Report, today: date | None = None) -> bool:
    """The school has responded, or its 5 working days have passed without a response."""
    if report.school_has_responded:
        return True
    due = report.accuracy_check_due
    return due is not None and (today or timezone.localdate()) > due


def working_days_left(report: Report, today: date | None = None) -> int:
    due = report.accuracy_check_due
    return working_days_between(today or timezone.localdate(), due) if due else 0


def step_blockers(report: Report, to: str, today: date | None = None) -> list[str]:
    """Why the lead cannot finalise the report, or return it to draft, yet: the table, the
    school's check still running and, to finalise, each of the school's points not answered."""
    reason = refusal(report, to)
    if reason:
        return [reason]
    if not check_has_ended(report, today):
        return [
            f"You can {VERBS[Status(to)]} once the school has responded to the factual "
            f"accuracy check, or after {report.accuracy_check_due:%-d %B %Y} if it has not."
        ]
    if to != Status.FINAL:
        return []
    return [
        f"Answer the school's point {row.number}: “{Truncator(row.comment.text).chars(80)}”"
        for row in numbered_comments(report)
        if not row.comment.is_answered
    ]


def _after_check(report: Report, to: str, today: date | None) -> None:
    blockers = step_blockers(report, to, today)
    if blockers:
        raise ValidationError(blockers)
    move(report, to)


def return_to_draft(actor: User, report: Report, today: date | None = None) -> Report:
    def apply(locked: Report) -> None:
        _after_check(locked, Status.DRAFT, today)

    return change_report(actor, report, "report.write", verbs.REPORT_RETURNED, apply)


def finalise_report(actor: User, report: Report, today: date | None = None) -> Report:
    def apply(locked: Report) -> None:
        _after_check(locked, Status.FINAL, today)
        locked.finalised_at = timezone.now()
        notices.report_finalised(locked)  # sent once the change commits

    return change_report(actor, report, "report.write", verbs.REPORT_FINALISED, apply)
