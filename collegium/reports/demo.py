"""Demo data: take a review's report, once its judgements are agreed, through its cycle. The
school raises factual accuracy points: the report in its check has one waiting for the lead's
answer; a final report had two, one corrected (the lead returned the report to draft, changed it
and sent it again) and one not corrected, with the reason."""

from collegium.accounts.models import User
from collegium.reports.models import AccuracyComment, Report
from collegium.reports.publication import publish_summary
from collegium.reports.services import check, cycle
from collegium.reviews.models import Review

ORDER = [s.value for s in Report.Status]
Outcome = AccuracyComment.Outcome

WRONG_ROLL, RIGHT_ROLL = "All 221 pupils on roll", "All 212 pupils on roll"
DEVELOPMENTAL = (
    "The school knows itself well: its self-evaluation matched what the team saw in most "
    "strands.\n\nLeaders have built a shared approach to early reading that staff describe with "
    f"confidence. {WRONG_ROLL} are heard read each week. The next step is to check that pupils "
    "who fall behind catch up quickly, and to share the school's strong practice in phonics with "
    "the rest of the cluster."
)
SUMMARY = (
    "Pupils at the school are taught to read well and behave with care for one another. "
    "Leaders know the school's strengths and what to improve next, and they are working on "
    "helping pupils who fall behind in reading to catch up quickly."
)
ROLL_POINT = "The report says 221 pupils are on roll: we have 212."
CATCH_UP_POINT = (
    "The report says pupils who fall behind may not catch up quickly, but our phonics screening "
    "results rose this year."
)
CATCH_UP_REASON = (
    "This is the team's agreed judgement, not a factual error: three of the five pupils heard "
    "reading who had fallen behind were not yet catching up. The rise in the screening results "
    "is welcome and the report's strengths section reflects it."
)


def load_demo_report(review: Review, lead_user: User, head_user: User, up_to: str) -> Report:
    """Write the report and take it through the cycle up to the status `up_to`."""
    if up_to not in ORDER:
        raise ValueError(f"up_to must be one of {', '.join(ORDER)}")
    report, _ = Report.objects.get_or_create(review=review)
    report = cycle.save_draft(lead_user, report, DEVELOPMENTAL, SUMMARY, report.revision)
    steps = ORDER[1 : ORDER.index(up_to) + 1]
    if Report.Status.ACCURACY_CHECK in steps:
        report = cycle.send_for_accuracy_check(lead_user, report)
        check.add_comment(head_user, report, ROLL_POINT)
    if Report.Status.FINAL not in steps:
        if up_to == Report.Status.ACCURACY_CHECK:
            report = check.complete_accuracy_check(head_user, report, False, report.revision)
        return report
    report = _answer_and_finalise(report, lead_user, head_user)
    if Report.Status.PUBLISHED in steps:
        report = publish_summary(lead_user, report)
    return report


def _answer_and_finalise(report: Report, lead_user: User, head_user: User) -> Report:
    """The school raises a second point and sends its check; the lead corrects the roll in a new
    draft, answers both points, sends the report again, and finalises it after the school's
    second check."""
    catch_up = check.add_comment(head_user, report, CATCH_UP_POINT)
    report = check.complete_accuracy_check(head_user, report, True, report.revision)
    report = cycle.return_to_draft(lead_user, report)
    corrected = DEVELOPMENTAL.replace(WRONG_ROLL, RIGHT_ROLL)
    report = cycle.save_draft(lead_user, report, corrected, SUMMARY, report.revision)
    roll = report.accuracy_comments.get(text=ROLL_POINT)
    check.answer_comment(lead_user, report, roll, Outcome.CORRECTED, RIGHT_ROLL, WRONG_ROLL)
    check.answer_comment(lead_user, report, catch_up, Outcome.NOT_CORRECTED, CATCH_UP_REASON)
    report = cycle.send_for_accuracy_check(lead_user, report)
    report = check.complete_accuracy_check(head_user, report, False, report.revision)
    return cycle.finalise_report(lead_user, report)
