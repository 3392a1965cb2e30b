"""Queue the consistency figures to be worked out again when the data they count change.

Proposals and judgements count once their review's judgements are agreed, so a change to a
review still being visited queues nothing; an agreed or closed review's change, a submitted
calibration grade, a register import and a new fit of contextual value added (issue 12 D5)
do. Bulk writes (the demo's history, the importer's
rows) send no signals: the import is caught by its `ImportRun`, the demo load works the
figures out itself.
"""

from typing import Any

from django.db.models.signals import post_delete, post_save

from collegium.calibration.models import Invitation
from collegium.consistency import data
from collegium.consistency.tasks import request_refresh_after_commit
from collegium.context.models import ValueAddedFit
from collegium.reviews.models import Judgement, JudgementProposal, Review
from collegium.schools.models import ImportRun


def _counted(review_id: int | None) -> bool:
    found = Review.objects.filter(pk=review_id or 0, status__in=data.COUNTED)
    return review_id is not None and found.exists()


def judgement_changed(sender: Any, instance: Judgement | JudgementProposal, **kwargs: Any) -> None:
    if _counted(instance.review_id):
        request_refresh_after_commit()


def review_changed(sender: Any, instance: Review, **kwargs: Any) -> None:
    if instance.status in data.COUNTED:
        request_refresh_after_commit()


def grades_submitted(sender: Any, instance: Invitation, **kwargs: Any) -> None:
    if instance.submitted_at is not None:
        request_refresh_after_commit()


def register_imported(sender: Any, instance: ImportRun, **kwargs: Any) -> None:
    request_refresh_after_commit()


def value_added_fitted(sender: Any, instance: ValueAddedFit, **kwargs: Any) -> None:
    """A new fit of contextual value added changes the value added the bias audit uses."""
    request_refresh_after_commit()


def connect() -> None:
    for model in (Judgement, JudgementProposal):
        post_save.connect(judgement_changed, sender=model, dispatch_uid=f"consistency-{model}")
        post_delete.connect(judgement_changed, sender=model, dispatch_uid=f"consistency-d{model}")
    post_save.connect(review_changed, sender=Review, dispatch_uid="consistency-review")
    post_delete.connect(review_changed, sender=Review, dispatch_uid="consistency-review-d")
    post_save.connect(grades_submitted, sender=Invitation, dispatch_uid="consistency-grades")
    post_save.connect(register_imported, sender=ImportRun, dispatch_uid="consistency-import")
    post_save.connect(value_added_fitted, sender=ValueAddedFit, dispatch_uid="consistency-cva")
