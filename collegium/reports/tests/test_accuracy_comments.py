"""The school's factual accuracy points and the lead's answers: each rule kept and broken, the
audit trail (texts as fingerprints) and the emails."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.audit.services import fingerprint
from collegium.reports.models import AccuracyComment, Report
from collegium.reports.selectors import numbered_comments
from collegium.reports.services import check, cycle
from collegium.reports.tests.conftest import CLUBS, MONDAY, ROLL

Status = Report.Status
CORRECTED, NOT_CORRECTED = AccuracyComment.Outcome.CORRECTED, AccuracyComment.Outcome.NOT_CORRECTED
CLUBS_REASON = "The team saw two clubs running in the week of the visit."
BEFORE_SEND = date(2026, 12, 16)  # the check, sent on 14 December, is due on 21 December


def comment(text: str) -> AccuracyComment:
    return AccuracyComment.objects.get(text=text)


def corrected_draft(report: Report, lead) -> Report:
    """The lead returns the report to draft and writes the right roll into it."""
    draft = cycle.return_to_draft(lead, report, today=MONDAY)
    text = f"{draft.developmental_report}\n\nAll 418 pupils on roll read daily."
    return cycle.save_draft(lead, draft, text, draft.summary, draft.revision)


# The school raises its points


def test_the_school_raises_points_one_by_one_while_it_checks(sent, school_leader):
    first = check.add_comment(school_leader, sent, f"  {ROLL}  ")
    check.add_comment(school_leader, sent, CLUBS)
    points = numbered_comments(sent)
    assert [(p.number, p.comment.text, p.in_latest_check) for p in points] == [
        (1, ROLL, True),
        (2, CLUBS, True),
    ]
    assert first.raised_by == school_leader and not first.is_answered
    event = AuditEvent.objects.filter(action=verbs.ACCURACY_COMMENT_ADDED).order_by("pk").first()
    after = (event.after if event else None) or {}
    assert after["text"] == fingerprint(ROLL) and ROLL not in str(after)


def test_an_empty_point_is_refused(sent, school_leader):
    with pytest.raises(ValidationError) as refused:
        check.add_comment(school_leader, sent, "   ")
    assert refused.value.messages == [check.NO_POINT]
    assert not AccuracyComment.objects.exists()


def test_no_point_is_raised_before_the_report_is_sent(report, school_leader):
    with pytest.raises(ValidationError) as refused:
        check.add_comment(school_leader, report, "Too early.")
    assert refused.value.messages == [
        "The report is not waiting for a factual accuracy check: it is a draft."
    ]
    assert not AccuracyComment.objects.exists()


def test_no_point_is_raised_once_the_school_has_sent_its_check(checked, school_leader):
    with pytest.raises(ValidationError) as refused:
        check.add_comment(school_leader, checked, "One more.")
    assert refused.value.messages == [
        "The school has already completed the factual accuracy check."
    ]
    assert AccuracyComment.objects.count() == 2


@pytest.mark.parametrize("persona", ["lead_reviewer", "reviewer", "governor", "other_leader"])
def test_only_the_schools_own_leaders_raise_points(sent, persona, request):
    with pytest.raises(PermissionDenied):
        check.add_comment(request.getfixturevalue(persona), sent, "Not mine to raise.")
    assert not AccuracyComment.objects.exists()


def test_the_school_removes_a_point_before_sending_its_check(sent, school_leader):
    point = check.add_comment(school_leader, sent, ROLL)
    check.withdraw_comment(school_leader, sent, point)
    assert not AccuracyComment.objects.exists()
    assert AuditEvent.objects.filter(action=verbs.ACCURACY_COMMENT_WITHDRAWN).exists()


def test_a_point_is_not_removed_once_sent_nor_by_anyone_else(checked, school_leader, lead_reviewer):
    with pytest.raises(ValidationError, match="already completed"):
        check.withdraw_comment(school_leader, checked, comment(ROLL))
    with pytest.raises(PermissionDenied):
        check.withdraw_comment(lead_reviewer, checked, comment(ROLL))
    assert AccuracyComment.objects.count() == 2


def test_a_point_from_an_earlier_check_stays(checked, school_leader, lead_reviewer):
    draft = cycle.return_to_draft(lead_reviewer, checked, today=MONDAY)
    again = cycle.send_for_accuracy_check(lead_reviewer, draft, today=MONDAY)
    with pytest.raises(ValidationError) as refused:
        check.withdraw_comment(school_leader, again, comment(ROLL))
    assert refused.value.messages == ["You can only remove a point raised in this check."]


def test_the_lead_is_emailed_when_the_school_sends_its_check(
    sent, school_leader, lead_reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    check.add_comment(school_leader, sent, ROLL)
    with django_capture_on_commit_callbacks(execute=True):
        check.complete_accuracy_check(school_leader, sent, True, sent.revision)
    assert [email.to for email in mailoutbox] == [[lead_reviewer.email]]
    assert "1 of its points is waiting for your answer" in mailoutbox[0].body
    assert f"/reports/{sent.pk}/accuracy-comments/" in mailoutbox[0].body


# The lead answers each point


def test_the_lead_answers_not_corrected_with_a_reason(checked, lead_reviewer):
    answered = check.answer_comment(
        lead_reviewer, checked, comment(CLUBS), NOT_CORRECTED, f" {CLUBS_REASON} "
    )
    assert (answered.outcome, answered.answer) == (NOT_CORRECTED, CLUBS_REASON)
    assert answered.answered_by == lead_reviewer and answered.answered_at is not None
    event = AuditEvent.objects.get(action=verbs.ACCURACY_COMMENT_ANSWERED)
    before, after = event.before or {}, event.after or {}
    assert before["outcome"] == "" and after["outcome"] == NOT_CORRECTED
    assert after["answer"] == fingerprint(CLUBS_REASON)


def test_not_corrected_without_a_reason_is_refused(checked, lead_reviewer):
    with pytest.raises(ValidationError) as refused:
        check.answer_comment(lead_reviewer, checked, comment(CLUBS), NOT_CORRECTED, "  ")
    assert refused.value.messages == [check.NO_REASON]
    assert not comment(CLUBS).is_answered


def test_corrected_is_refused_when_the_report_has_not_changed(checked, lead_reviewer):
    with pytest.raises(ValidationError) as refused:
        check.answer_comment(
            lead_reviewer, checked, comment(ROLL), CORRECTED, "418 pupils", "405 pupils"
        )
    assert refused.value.messages == [check.NOT_CHANGED]
    assert not comment(ROLL).is_answered


def test_a_correction_shows_the_words_before_and_after_found_in_the_report(checked, lead_reviewer):
    draft = corrected_draft(checked, lead_reviewer)
    words = "All 418 pupils on roll"
    answered = check.answer_comment(
        lead_reviewer, draft, comment(ROLL), CORRECTED, words, "All 405 pupils on roll"
    )
    assert answered.is_corrected
    assert (answered.corrected_from, answered.answer) == ("All 405 pupils on roll", words)


@pytest.mark.parametrize(
    ("now", "was", "reason"),
    [
        ("All 418 pupils on roll", "", check.NO_CHANGE_SHOWN),
        ("", "All 405 pupils on roll", check.NO_CHANGE_SHOWN),
        ("all 418 pupils  on roll", "All 418 pupils on roll", check.SAME_WORDS),
        ("All 481 pupils on roll", "All 405 pupils on roll", None),
    ],
)
def test_a_correction_must_show_a_real_change(checked, lead_reviewer, now, was, reason):
    draft = corrected_draft(checked, lead_reviewer)
    with pytest.raises(ValidationError) as refused:
        check.answer_comment(lead_reviewer, draft, comment(ROLL), CORRECTED, now, was)
    expected = reason or check.NOT_IN_REPORT.format(words=now)
    assert refused.value.messages == [expected]
    assert not comment(ROLL).is_answered


def test_an_answer_needs_an_outcome(checked, lead_reviewer):
    with pytest.raises(ValidationError) as refused:
        check.answer_comment(lead_reviewer, checked, comment(CLUBS), "maybe", "Because.")
    assert refused.value.messages == [check.NO_OUTCOME]


@pytest.mark.parametrize("persona", ["reviewer", "school_leader", "moderator", "other_leader"])
def test_only_the_lead_answers(checked, persona, request):
    with pytest.raises(PermissionDenied):
        check.answer_comment(
            request.getfixturevalue(persona), checked, comment(CLUBS), NOT_CORRECTED, "No."
        )
    assert not comment(CLUBS).is_answered


def test_a_point_of_another_report_is_refused(checked, lead_reviewer, other_comment):
    with pytest.raises(ValidationError) as refused:
        check.answer_comment(lead_reviewer, checked, other_comment, NOT_CORRECTED, "No.")
    assert refused.value.messages == [check.NOT_THIS_REPORTS]
    other_comment.refresh_from_db()
    assert not other_comment.is_answered


def test_the_lead_answers_only_once_the_check_has_ended(sent, school_leader, lead_reviewer):
    point = check.add_comment(school_leader, sent, ROLL)
    with pytest.raises(ValidationError) as refused:
        check.answer_comment(
            lead_reviewer, sent, point, NOT_CORRECTED, "Checked.", today=BEFORE_SEND
        )
    assert refused.value.messages == [
        "You can answer the school's comments once it has sent its check, or after "
        "21 December 2026 if it has not."
    ]
    late = date(2026, 12, 22)  # the 5 working days have passed without the check being sent
    answered = check.answer_comment(lead_reviewer, sent, point, NOT_CORRECTED, "Seen.", today=late)
    assert answered.is_answered


def test_answers_cannot_change_once_the_report_is_final(checked, lead_reviewer):
    for text in (ROLL, CLUBS):
        check.answer_comment(lead_reviewer, checked, comment(text), NOT_CORRECTED, "As agreed.")
    final = cycle.finalise_report(lead_reviewer, checked, today=MONDAY)
    with pytest.raises(ValidationError) as refused:
        check.answer_comment(lead_reviewer, final, comment(ROLL), NOT_CORRECTED, "Changed.")
    assert refused.value.messages == [
        "You can no longer answer the school's comments: the report is final."
    ]
    assert comment(ROLL).answer == "As agreed."


def test_the_school_is_emailed_once_every_point_is_answered(
    checked, lead_reviewer, school_leader, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        check.answer_comment(lead_reviewer, checked, comment(CLUBS), NOT_CORRECTED, "Seen.")
    assert mailoutbox == []
    draft = corrected_draft(checked, lead_reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        check.answer_comment(
            lead_reviewer, draft, comment(ROLL), CORRECTED, "All 418 pupils on roll", "405"
        )
    assert [email.to for email in mailoutbox] == [[school_leader.email]]
    assert "answered every point" in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):  # a changed answer tells nobody again
        check.answer_comment(lead_reviewer, draft, comment(CLUBS), NOT_CORRECTED, "Seen twice.")
    assert len(mailoutbox) == 1


# Finalising waits for every answer


def test_finalising_is_refused_while_a_point_has_no_answer(checked, lead_reviewer):
    with pytest.raises(ValidationError) as refused:
        cycle.finalise_report(lead_reviewer, checked, today=MONDAY)
    assert refused.value.messages == [
        f"Answer the school's point 1: “{ROLL}”",
        f"Answer the school's point 2: “{CLUBS}”",
    ]
    check.answer_comment(lead_reviewer, checked, comment(CLUBS), NOT_CORRECTED, CLUBS_REASON)
    with pytest.raises(ValidationError) as refused:
        cycle.finalise_report(lead_reviewer, checked, today=MONDAY)
    assert refused.value.messages == [f"Answer the school's point 1: “{ROLL}”"]
    checked.refresh_from_db()
    assert checked.status == Status.ACCURACY_CHECK


def test_a_corrected_report_is_sent_again_keeping_the_answers_then_finalised(
    checked, lead_reviewer, school_leader
):
    draft = corrected_draft(checked, lead_reviewer)
    check.answer_comment(
        lead_reviewer, draft, comment(ROLL), CORRECTED, "All 418 pupils on roll", "405 on roll"
    )
    check.answer_comment(lead_reviewer, draft, comment(CLUBS), NOT_CORRECTED, CLUBS_REASON)
    again = cycle.send_for_accuracy_check(lead_reviewer, draft, today=MONDAY)
    assert [p.comment.is_answered for p in numbered_comments(again)] == [True, True]
    assert [p.in_latest_check for p in numbered_comments(again)] == [False, False]
    check.add_comment(school_leader, again, "The head's name is spelt Jonson.")
    again = check.complete_accuracy_check(school_leader, again, False, again.revision)
    with pytest.raises(ValidationError) as refused:
        cycle.finalise_report(lead_reviewer, again, today=MONDAY)
    assert refused.value.messages == [
        "Answer the school's point 3: “The head's name is spelt Jonson.”"
    ]
    check.answer_comment(
        lead_reviewer,
        again,
        comment("The head's name is spelt Jonson."),
        NOT_CORRECTED,
        "The report does not name the head.",
    )
    assert cycle.finalise_report(lead_reviewer, again, today=MONDAY).status == Status.FINAL


def test_returning_to_draft_does_not_wait_for_answers(checked, lead_reviewer):
    assert cycle.step_blockers(checked, Status.DRAFT, today=MONDAY) == []
    assert cycle.return_to_draft(lead_reviewer, checked, today=MONDAY).status == Status.DRAFT
