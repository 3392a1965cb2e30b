"""The moderation gate of publication (reports.publication.PUBLICATION_GATES).

When the network requires moderation (the default; a network admin may turn it off), a review's
summary is published only when one of these holds:
- its moderation is completed (whether or not the review was picked);
- its term's sample has been drawn, a draw considered the review, it was not picked, and no
  moderator has started moderating it.

So a review waits while the sample of its term (the term its first day falls in) has not been
drawn, while it was picked and its moderation is not completed, and while a moderator has started
moderating it, picked or not. "Its moderation (where sampled)": a review the draw considered and
left out may be published once the sample is drawn. A review agreed after its term's sample was
drawn was considered by no draw, so it waits until a moderator draws the late reviews
(sampling.draw_late_reviews, which picks them for the same reasons and with the same random
share): agreeing late is no way round moderation.
"""

from typing import Any

from collegium.quality.models import (
    Moderation,
    ModerationSample,
    NetworkModerationSettings,
    SampledReview,
)
from collegium.quality.terms import term_of
from collegium.words import lower_first

MODERATION_IN_PROGRESS = (
    "A moderator is moderating this review: the summary can be published once the moderation "
    "is completed."
)


def moderation_is_complete(report: Any) -> str | None:
    """None when the summary may be published as far as moderation goes, else the reason."""
    if not NetworkModerationSettings.current().requires_moderation:
        return None
    review = report.review
    moderation = Moderation.objects.filter(review_id=review.pk).first()
    if moderation is not None:
        return None if moderation.is_completed else MODERATION_IN_PROGRESS
    pick = SampledReview.objects.filter(review_id=review.pk).first()
    if pick is not None:
        return picked_not_moderated(pick)
    term = term_of(review.start_date)
    sample = ModerationSample.objects.filter(
        academic_year=term.academic_year, season=term.season
    ).first()
    if sample is None:
        return f"The moderators have not drawn the sample for the {lower_first(term.label)} yet."
    if not sample.considered.filter(pk=review.pk).exists():
        return (
            "This review's judgements were not agreed when the sample for the "
            f"{lower_first(term.label)} was drawn: the moderators have not drawn from the reviews "
            "agreed since yet."
        )
    return None


def picked_not_moderated(pick: SampledReview) -> str:
    reasons = "; ".join(lower_first(label) for label in pick.reason_labels)
    return f"This review was sampled for moderation ({reasons}): it has not been moderated yet."
