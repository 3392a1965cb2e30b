"""Demo data: take a review's report, once its judgements are agreed, through its cycle."""

from collegium.accounts.models import User
from collegium.reports import services
from collegium.reports.models import Report
from collegium.reports.publication import publish_summary
from collegium.reviews.models import Review

ORDER = [s.value for s in Report.Status]

DEVELOPMENTAL = (
    "The school knows itself well: its self-evaluation matched what the team saw in most "
    "strands.\n\nLeaders have built a shared approach to early reading that staff describe with "
    "confidence. The next step is to check that pupils who fall behind catch up quickly, and to "
    "share the school's strong practice in phonics with the rest of the cluster."
)
SUMMARY = (
    "Pupils at the school are taught to read well and behave with care for one another. "
    "Leaders know the school's strengths and what to improve next, and they are working on "
    "helping pupils who fall behind in reading to catch up quickly."
)


def load_demo_report(review: Review, lead_user: User, head_user: User, up_to: str) -> Report:
    """Write the report and take it through the cycle up to the status `up_to`."""
    if up_to not in ORDER:
        raise ValueError(f"up_to must be one of {', '.join(ORDER)}")
    report, _ = Report.objects.get_or_create(review=review)
    report = services.save_draft(lead_user, report, DEVELOPMENTAL, SUMMARY, report.revision)
    steps = ORDER[1 : ORDER.index(up_to) + 1]
    if Report.Status.ACCURACY_CHECK in steps:
        report = services.send_for_accuracy_check(lead_user, report)
    if Report.Status.FINAL in steps:
        report = services.complete_accuracy_check(
            head_user,
            report,
            "The number of pupils on roll is 212, not 221.",
            True,
            report.revision,
        )
        report = services.finalise_report(lead_user, report)
    if Report.Status.PUBLISHED in steps:
        report = publish_summary(lead_user, report)
    return report
