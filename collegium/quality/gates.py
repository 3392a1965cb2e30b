"""The moderation gate of publication (reports.publication.PUBLICATION_GATES)."""

from typing import Any

from collegium.quality.models import Moderation, NetworkModerationSettings

NOT_MODERATED = (
    "This network publishes summaries only after moderation: the review has not been moderated yet"
)


def moderation_is_complete(report: Any) -> str | None:
    """None when the network does not require moderation or the review's is completed."""
    if not NetworkModerationSettings.current().requires_moderation:
        return None
    completed = Moderation.objects.filter(
        review_id=report.review_id, status=Moderation.Status.COMPLETED
    ).exists()
    return None if completed else NOT_MODERATED
