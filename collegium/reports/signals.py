"""The report's part in a review's life (reviews.signals): every scheduled review has its empty
report, and a review closes only once its report is final (or its summary published)."""

from typing import Any

from collegium.reports.models import Report
from collegium.reviews.models import Review
from collegium.reviews.signals import closing_checked, review_scheduled

FINAL_REPORTS = {Report.Status.FINAL, Report.Status.PUBLISHED}


def create_report(sender: Any, review: Review, **kwargs: Any) -> None:
    Report.objects.create(review=review)


def report_not_final(sender: Any, review: Review, **kwargs: Any) -> str | None:
    report = Report.objects.filter(review=review).first()
    if report is None or report.status not in FINAL_REPORTS:
        return "The report must be final before the review closes"
    return None


def connect() -> None:
    review_scheduled.connect(create_report, dispatch_uid="reports-create-report")
    closing_checked.connect(report_not_final, dispatch_uid="reports-report-final")
