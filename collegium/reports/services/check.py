"""R7 the school's factual accuracy check and the lead's answers to it.

While the report is with the school, its leaders raise points one by one (one factual error
each, "418 on roll, not 405"), may remove one before sending, and send the check, which tells
the lead. The lead answers every point: corrected, showing the report's words before and after
(which needs the report changed since the school raised it, and the new words in it), or not
corrected, with the reason. The school's leaders are told once every point has an answer; the
report is final only then (cycle.step_blockers).
"""

import hashlib
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from collegium import access
from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import fingerprint, record_change
from collegium.links import site_link
from collegium.notifications.services import notify
from collegium.people.selectors import school_leaders
from collegium.reports.models import AccuracyComment, Report
from collegium.reports.selectors import unanswered_comments
from collegium.reports.services.cycle import STATES, change_report, check_has_ended, lock_report
from collegium.reviews.models import TeamMember

Status = Report.Status
Outcome = AccuracyComment.Outcome

NO_POINT = "Enter the point the report gets wrong"
NOT_THIS_REPORTS = "That point is not one of this report's factual accuracy comments."
STALE_CHECK = (
    "The report has changed since you opened this page. Read it again, then send your check."
)
NO_OUTCOME = "Choose whether the report is corrected"
NO_REASON = "Explain why the report is not corrected"
NO_CHANGE_SHOWN = "Enter what the report said and what it says now"
SAME_WORDS = "What the report says now is the same as what it said: enter the corrected words"
NOT_CHANGED = (
    "You have not changed the report since the school raised this point. Return the report to "
    "draft and correct it, then record the correction."
)
NOT_IN_REPORT = (
    "The report does not say “{words}”: copy the corrected words from the report as it is now"
)


def comment_snapshot(comment: AccuracyComment) -> dict[str, Any]:
    """A comment for the audit trail: its texts quote the confidential report, so the review's
    history keeps them as fingerprints."""
    texts = {name: fingerprint(getattr(comment, name)) for name in ("text", "corrected_from")}
    return (
        {"comment": comment.pk, "outcome": comment.outcome}
        | texts
        | {"answer": fingerprint(comment.answer)}
    )


def text_key(report: Report) -> str:
    """A hash of the report's texts, to tell later whether the lead has changed them."""
    texts = f"{report.developmental_report}\x00{report.summary}"
    return hashlib.sha256(texts.encode()).hexdigest()


def _refuse(reason: str | None) -> None:
    if reason:
        raise ValidationError(reason)


def checking_refusal(report: Report) -> str | None:
    """Why the school cannot raise, remove or send points now, or None when it can."""
    if report.status != Status.ACCURACY_CHECK:
        return (
            f"The report is not waiting for a factual accuracy check: it is "
            f"{STATES[Status(report.status)]}."
        )
    if report.school_has_responded:
        return "The school has already completed the factual accuracy check."
    return None


def _lock_comment(report: Report, comment: AccuracyComment) -> AccuracyComment:
    locked = AccuracyComment.objects.select_for_update().filter(report=report, pk=comment.pk)
    found = locked.first()
    if found is None:
        raise ValidationError(NOT_THIS_REPORTS)
    return found


def add_comment(actor: User, report: Report, text: str) -> AccuracyComment:
    """The school raises one point while the report is with it for the check."""
    access.require(actor, "report.respond", report)
    text = text.strip()
    _refuse(None if text else NO_POINT)
    with transaction.atomic():
        locked = lock_report(report)
        _refuse(checking_refusal(locked))
        comment = AccuracyComment.objects.create(
            report=locked,
            text=text,
            raised_by=actor,
            raised_at=timezone.now(),
            text_key=text_key(locked),
        )
        record_change(actor, verbs.ACCURACY_COMMENT_ADDED, locked, None, comment_snapshot(comment))
    return comment


def withdraw_comment(actor: User, report: Report, comment: AccuracyComment) -> None:
    """The school removes a point it raised in this check, before sending the check."""
    access.require(actor, "report.respond", report)
    with transaction.atomic():
        locked = lock_report(report)
        comment = _lock_comment(locked, comment)
        _refuse(checking_refusal(locked))
        sent = locked.sent_for_check_at
        if sent is not None and comment.raised_at < sent:
            raise ValidationError("You can only remove a point raised in this check.")
        if comment.is_answered:
            raise ValidationError("The lead reviewer has already answered this point.")
        before = comment_snapshot(comment)
        comment.delete()
        record_change(actor, verbs.ACCURACY_COMMENT_WITHDRAWN, locked, before, None)


def complete_accuracy_check(
    actor: User, report: Report, agree_summary: bool, base_revision: int
) -> Report:
    """The school sends its check, with the points it raised and, if it agrees, the summary."""

    def apply(locked: Report) -> None:
        _refuse(STALE_CHECK if locked.revision != base_revision else None)
        _refuse(checking_refusal(locked))
        locked.accuracy_checked_at = timezone.now()
        if agree_summary:
            locked.summary_agreed_at, locked.summary_agreed_by = timezone.now(), actor
        _tell_lead_the_check_is_done(locked)

    return change_report(actor, report, "report.respond", verbs.FACTUAL_ACCURACY_CHECKED, apply)


def agreement_refusal(report: Report) -> str | None:
    """Why the school cannot agree the summary now, or None when it can."""
    if report.summary_agreed:
        return "The school has already agreed the summary."
    responded = report.status == Status.ACCURACY_CHECK and report.school_has_responded
    if not (responded or report.status == Status.FINAL):
        return "You can agree the summary once you have completed the factual accuracy check."
    return None


def agree_summary(actor: User, report: Report) -> Report:
    """The school agrees the public summary after its check (it may have held back at first)."""

    def apply(locked: Report) -> None:
        _refuse(agreement_refusal(locked))
        locked.summary_agreed_at, locked.summary_agreed_by = timezone.now(), actor

    return change_report(actor, report, "report.respond", verbs.SUMMARY_AGREED, apply)


def answering_refusal(report: Report, today: date | None = None) -> str | None:
    """Why the lead cannot answer the school's points now, or None when they can."""
    if report.status in {Status.FINAL, Status.PUBLISHED}:
        return (
            f"You can no longer answer the school's comments: the report is "
            f"{STATES[Status(report.status)]}."
        )
    if report.status == Status.ACCURACY_CHECK and not check_has_ended(report, today):
        return (
            f"You can answer the school's comments once it has sent its check, or after "
            f"{report.accuracy_check_due:%-d %B %Y} if it has not."
        )
    return None


def _squashed(text: str) -> str:
    return " ".join(text.split()).casefold()


def _check_answer(
    report: Report, comment: AccuracyComment, outcome: str, answer: str, corrected_from: str
) -> None:
    """A point not corrected says why; a correction shows the report's words before and after,
    and the report really changed: its texts differ from those the school read, and hold the
    new words."""
    if outcome == Outcome.NOT_CORRECTED:
        _refuse(None if answer else NO_REASON)
        return
    _refuse(None if outcome == Outcome.CORRECTED else NO_OUTCOME)
    _refuse(None if answer and corrected_from else NO_CHANGE_SHOWN)
    _refuse(SAME_WORDS if _squashed(answer) == _squashed(corrected_from) else None)
    _refuse(NOT_CHANGED if text_key(report) == comment.text_key else None)
    texts = _squashed(f"{report.developmental_report}\n{report.summary}")
    if _squashed(answer) not in texts:
        raise ValidationError(NOT_IN_REPORT.format(words=Truncator(answer).chars(80)))


def answer_comment(
    actor: User,
    report: Report,
    comment: AccuracyComment,
    outcome: str,
    answer: str,
    corrected_from: str = "",
    today: date | None = None,
) -> AccuracyComment:
    """The lead answers one of the school's points, or changes the answer until the report is
    final. `answer` is the report's words now when corrected, the reason when not."""
    access.require(actor, "report.write", report)
    answer, corrected_from = answer.strip(), corrected_from.strip()
    with transaction.atomic():
        locked = lock_report(report)
        comment = _lock_comment(locked, comment)
        _refuse(answering_refusal(locked, today))
        _check_answer(locked, comment, outcome, answer, corrected_from)
        was_open, before = not comment.is_answered, comment_snapshot(comment)
        comment.outcome, comment.answer = outcome, answer
        comment.corrected_from = corrected_from if outcome == Outcome.CORRECTED else ""
        comment.answered_by, comment.answered_at = actor, timezone.now()
        comment.save()
        after = comment_snapshot(comment)
        record_change(actor, verbs.ACCURACY_COMMENT_ANSWERED, locked, before, after)
        if was_open and not unanswered_comments(locked):
            _tell_school_the_answers(locked)
    return comment


def _tell_lead_the_check_is_done(report: Report) -> None:
    review = report.review
    count = len(unanswered_comments(report))
    points = (
        f"{count} of its points {'are' if count != 1 else 'is'} waiting for your answer: "
        "corrected, once you have changed the report, or not corrected, with your reason. You can "
        "finalise the report once every point has an answer."
        if count
        else "No point of the school's is waiting for your answer."
    )
    body = (
        f"{review.school.name} has completed its factual accuracy check of the report of the "
        f"{review}.\n\n{points}\n\nThe school's comments: "
        f"{site_link('reports:comments', report.pk)}\n\nCollegium"
    )
    leads = TeamMember.objects.filter(review=review, role=TeamMember.Role.LEAD)
    people = [member.reviewer.user for member in leads.select_related("reviewer__user")]
    notify(
        people,
        "accuracy-check-completed",
        subject=f"Factual accuracy check completed: {review.school.name}",
        context={"body": body},
        link=site_link("reports:comments", report.pk),
    )


def _tell_school_the_answers(report: Report) -> None:
    review = report.review
    body = (
        f"The lead reviewer has answered every point your school raised in the factual accuracy "
        f"check of the report of the {review}.\n\nRead the answers: "
        f"{site_link('reports:comments', report.pk)}\n\nCollegium"
    )
    subject = f"Factual accuracy comments answered: {review.school.name}"
    link = site_link("reports:comments", report.pk)
    notify(
        school_leaders(review.school_id),
        "accuracy-comments-answered",
        subject=subject,
        context={"body": body},
        link=link,
    )
