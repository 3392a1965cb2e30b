"""V2: the pupils' own enquiry, attached to a review and written up by the school's leaders.

The school presents it to the review team during the visit and chooses whether the developmental
report shows it in its appendix. It can be written from the time the review is planned until
the report is final (after that the report it would appear in no longer changes).
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.reports.models import Report
from collegium.reviews.models import Review
from collegium.voice.models import PupilResearch

FIELDS = ["question", "method", "findings", "recommendations", "presented_on", "in_report"]
CLOSED_REPORTS = (Report.Status.FINAL, Report.Status.PUBLISHED)


def save_research(
    actor: Any,
    review: Review,
    *,
    question: str,
    method: str,
    findings: str,
    recommendations: str,
    presented_on: date | None,
    in_report: bool,
) -> PupilResearch:
    with transaction.atomic():
        review = Review.objects.select_for_update().get(pk=review.pk)
        if review.status == Review.Status.CANCELLED:
            raise ValidationError("This review was cancelled")
        if Report.objects.filter(review=review, status__in=CLOSED_REPORTS).exists():
            raise ValidationError(
                "The report is final, so the pupils' research can no longer be changed"
            )
        if presented_on is not None and presented_on < review.start_date:
            raise ValidationError("The pupils present their research during the visit or after it")
        research = PupilResearch.objects.filter(review=review).first()
        before = snapshot(research, FIELDS) if research else None
        research = research or PupilResearch(review=review)
        research.question = question
        research.method = method
        research.findings = findings
        research.recommendations = recommendations
        research.presented_on = presented_on
        research.in_report = in_report
        research.updated_by = actor
        research.save()
        record_change(
            actor, verbs.PUPIL_RESEARCH_SAVED, research, before, snapshot(research, FIELDS)
        )
    return research
