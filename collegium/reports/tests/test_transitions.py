"""The report's allowed-transition table, every move allowed and refused, and the services that
take a report from draft to final."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.reports.models import Report
from collegium.reports.services import check, cycle
from collegium.reports.tests.conftest import MONDAY
from collegium.reviews.models import Findings, Review

Status = Report.Status
ALL_MOVES = [(a, b) for a in Status for b in Status if a != b]
ALLOWED = {
    (Status.DRAFT, Status.ACCURACY_CHECK),
    (Status.ACCURACY_CHECK, Status.DRAFT),
    (Status.ACCURACY_CHECK, Status.FINAL),
    (Status.FINAL, Status.PUBLISHED),
}
REFUSALS = {
    (Status.DRAFT, Status.FINAL): "You cannot finalise the report: the report is a draft.",
    (Status.DRAFT, Status.PUBLISHED): "You cannot publish the summary: the report is a draft.",
    (Status.ACCURACY_CHECK, Status.PUBLISHED): "You cannot publish the summary: the report is "
    "with the school for its factual accuracy check.",
    (Status.FINAL, Status.DRAFT): "You cannot return the report to draft: the report is final.",
    (Status.FINAL, Status.ACCURACY_CHECK): "You cannot send the report for a factual accuracy "
    "check: the report is final.",
    (Status.PUBLISHED, Status.FINAL): "You cannot finalise the report: the report is final and "
    "its summary is published.",
    (Status.PUBLISHED, Status.DRAFT): "You cannot return the report to draft: the report is "
    "final and its summary is published.",
    (Status.PUBLISHED, Status.ACCURACY_CHECK): "You cannot send the report for a factual "
    "accuracy check: the report is final and its summary is published.",
}


@pytest.mark.parametrize(("start", "to"), ALL_MOVES)
def test_the_table_allows_only_the_cycle_and_says_why_not(start, to):
    reason = cycle.refusal(Report(status=start), to)
    if (start, to) in ALLOWED:
        assert reason is None
    else:
        assert reason == REFUSALS[(start, to)]


def test_services_refuse_moves_the_table_does_not_allow(report, lead_reviewer):
    with pytest.raises(ValidationError) as refused:
        cycle.finalise_report(lead_reviewer, report)
    assert refused.value.messages == [REFUSALS[(Status.DRAFT, Status.FINAL)]]
    with pytest.raises(ValidationError):
        cycle.return_to_draft(lead_reviewer, report)
    report.refresh_from_db()
    assert (report.status, report.revision) == (Status.DRAFT, 1)
    assert not AuditEvent.objects.exists()


def test_the_lead_saves_the_draft_and_the_revision_rises(report, lead_reviewer):
    saved = cycle.save_draft(lead_reviewer, report, "Narrative.", "Summary.", report.revision)
    assert (saved.developmental_report, saved.summary, saved.revision) == (
        "Narrative.",
        "Summary.",
        2,
    )
    event = AuditEvent.objects.get(action=verbs.REPORT_DRAFT_SAVED)
    assert event.after is not None and event.after["summary"] == "Summary."
    assert "Narrative" not in str(event.after)  # the confidential text stays out of the history


def test_a_stale_revision_is_refused_naming_who_changed_it(report, lead_reviewer):
    cycle.save_draft(lead_reviewer, report, "First.", "Summary.", 1)
    with pytest.raises(ValidationError) as refused:
        cycle.save_draft(lead_reviewer, report, "Second.", "Other.", 1)
    assert "Lena Lead changed the report after you opened it" in refused.value.messages[0]
    report.refresh_from_db()
    assert report.developmental_report == "First."


def test_sending_sets_a_due_date_five_working_days_on(report, lead_reviewer):
    sent = cycle.send_for_accuracy_check(lead_reviewer, report, today=MONDAY)
    assert sent.status == Status.ACCURACY_CHECK
    assert sent.accuracy_check_due == date(2026, 12, 21)
    assert Report.objects.get(pk=sent.pk).chart_svg.startswith("<svg")  # drawn once, now
    assert AuditEvent.objects.filter(action=verbs.REPORT_SENT).exists()


def test_the_due_date_skips_christmas_and_boxing_day(report, lead_reviewer):
    sent = cycle.send_for_accuracy_check(lead_reviewer, report, today=date(2026, 12, 21))
    assert sent.accuracy_check_due == date(2026, 12, 30)


def test_the_due_date_skips_good_friday_and_easter_monday(report, lead_reviewer):
    sent = cycle.send_for_accuracy_check(lead_reviewer, report, today=date(2027, 3, 24))
    assert sent.accuracy_check_due == date(2027, 4, 2)


def test_sending_needs_agreed_judgements(draft_report, lead_reviewer):
    draft_report.developmental_report, draft_report.summary = "Text.", "Summary."
    draft_report.save()
    with pytest.raises(ValidationError) as refused:
        cycle.send_for_accuracy_check(lead_reviewer, draft_report)
    assert refused.value.messages == [cycle.JUDGEMENTS_NOT_AGREED]
    draft_report.refresh_from_db()
    assert draft_report.status == Status.DRAFT and draft_report.accuracy_check_due is None


def test_sending_needs_findings_as_well_as_the_agreed_status(report, lead_reviewer):
    Findings.objects.filter(review=report.review).delete()
    with pytest.raises(ValidationError, match="agreed its judgements"):
        cycle.send_for_accuracy_check(lead_reviewer, report)


def test_sending_needs_both_texts(report, lead_reviewer):
    cycle.save_draft(lead_reviewer, report, "Narrative.", "  ", report.revision)
    with pytest.raises(ValidationError) as refused:
        cycle.send_for_accuracy_check(lead_reviewer, report)
    assert refused.value.messages == [cycle.TEXTS_MISSING]


def test_a_closed_review_can_still_be_reported(report, lead_reviewer):
    Review.objects.filter(pk=report.pk).update(status=Review.Status.CLOSED)
    assert cycle.send_for_accuracy_check(lead_reviewer, report).status == Status.ACCURACY_CHECK


def test_the_draft_cannot_change_while_the_school_checks_it(sent, lead_reviewer):
    with pytest.raises(ValidationError, match="only change the report while it is a draft"):
        cycle.save_draft(lead_reviewer, sent, "New.", "New.", sent.revision)


def test_the_school_completes_the_check_and_agrees_the_summary(sent, school_leader):
    checked = check.complete_accuracy_check(school_leader, sent, True, sent.revision)
    assert checked.school_has_responded and checked.summary_agreed
    assert checked.summary_agreed_by == school_leader
    with pytest.raises(ValidationError, match="already completed"):
        check.complete_accuracy_check(school_leader, checked, True, checked.revision)


def test_the_school_cannot_check_a_report_it_has_not_been_sent(report, school_leader):
    with pytest.raises(ValidationError) as refused:
        check.complete_accuracy_check(school_leader, report, True, report.revision)
    assert refused.value.messages == [
        "The report is not waiting for a factual accuracy check: it is a draft."
    ]
    report.refresh_from_db()
    assert not report.school_has_responded and not report.summary_agreed


def test_the_school_can_agree_the_summary_after_its_check(sent, school_leader):
    checked = check.complete_accuracy_check(school_leader, sent, False, sent.revision)
    assert not checked.summary_agreed
    assert check.agree_summary(school_leader, checked).summary_agreed
    with pytest.raises(ValidationError, match="already agreed"):
        check.agree_summary(school_leader, checked)


def test_the_summary_cannot_be_agreed_before_the_check(report, school_leader):
    with pytest.raises(ValidationError, match="once you have completed"):
        check.agree_summary(school_leader, report)


def test_only_the_school_leader_responds(sent, lead_reviewer, governor):
    for person in (lead_reviewer, governor):
        with pytest.raises(PermissionDenied):
            check.complete_accuracy_check(person, sent, True, sent.revision)
    sent.refresh_from_db()
    assert not sent.school_has_responded


def test_only_the_lead_writes_the_report(report, reviewer, school_leader):
    for person in (reviewer, school_leader):
        with pytest.raises(PermissionDenied):
            cycle.save_draft(person, report, "Mine.", "Mine.", report.revision)


def test_finalising_waits_for_the_school_or_the_five_days(sent, lead_reviewer):
    with pytest.raises(ValidationError) as refused:
        cycle.finalise_report(lead_reviewer, sent, today=date(2026, 12, 21))
    assert refused.value.messages == [
        "You can finalise the report once the school has responded to the factual accuracy "
        "check, or after 21 December 2026 if it has not."
    ]
    final = cycle.finalise_report(lead_reviewer, sent, today=date(2026, 12, 22))
    assert final.status == Status.FINAL and final.finalised_at is not None


def test_the_lead_finalises_as_soon_as_the_school_responds(sent, lead_reviewer, school_leader):
    check.complete_accuracy_check(school_leader, sent, True, sent.revision)
    assert cycle.finalise_report(lead_reviewer, sent, today=MONDAY).status == Status.FINAL


def test_returning_to_draft_then_resending_starts_a_new_check(sent, lead_reviewer, school_leader):
    check.add_comment(school_leader, sent, "Roll is 212.")
    check.complete_accuracy_check(school_leader, sent, True, sent.revision)
    draft = cycle.return_to_draft(lead_reviewer, sent, today=MONDAY)
    assert draft.status == Status.DRAFT
    draft = cycle.save_draft(lead_reviewer, draft, "Roll corrected.", draft.summary, draft.revision)
    assert draft.summary_agreed  # the summary did not change, so the agreement stands
    again = cycle.send_for_accuracy_check(lead_reviewer, draft, today=date(2026, 12, 21))
    assert again.accuracy_check_due == date(2026, 12, 30)
    assert not again.school_has_responded
    assert [c.text for c in again.accuracy_comments.all()] == ["Roll is 212."]  # kept


def test_changing_the_agreed_summary_clears_the_agreement(sent, lead_reviewer, school_leader):
    check.complete_accuracy_check(school_leader, sent, True, sent.revision)
    draft = cycle.return_to_draft(lead_reviewer, sent)
    changed = cycle.save_draft(lead_reviewer, draft, "Text.", "A new summary.", draft.revision)
    assert not changed.summary_agreed and changed.summary_agreed_by is None


def test_returning_to_draft_also_waits_for_the_school(sent, lead_reviewer):
    with pytest.raises(ValidationError, match="return the report to draft once the school"):
        cycle.return_to_draft(lead_reviewer, sent, today=MONDAY)


def test_working_days_left_counts_to_the_due_date(sent):
    assert cycle.working_days_left(sent, today=MONDAY) == 5
    assert cycle.working_days_left(sent, today=date(2026, 12, 18)) == 1
    assert cycle.working_days_left(sent, today=date(2026, 12, 22)) == 0
