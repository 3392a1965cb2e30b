"""The complaints gate of publication (reports.publication.PUBLICATION_GATES): a review's public
summary is never published while a complaint about the review is open (C1)."""

from typing import Any

from collegium.complaints.deadlines import day
from collegium.complaints.models import Complaint, Stage


def no_open_complaint(report: Any) -> str | None:
    """None when no complaint about the review is open; else why not, and until when."""
    complaint = Complaint.objects.filter(report_id=report.pk, status=Complaint.Status.OPEN).first()
    if complaint is None:
        return None
    stage = Stage.objects.get(complaint=complaint, number=complaint.stage)
    if stage.is_decided and stage.answer_due_on is not None:
        until = (
            f"stage {stage.number} decided; the school may take it further until "
            f"{day(stage.answer_due_on)}"
        )
    else:
        until = f"{stage.name}, due {day(stage.due_on)}"
    return f"A complaint about this review is open ({until})"
