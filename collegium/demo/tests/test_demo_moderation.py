"""Nothing in the demo is published before its moderation: the published review was picked in its
term's sample and moderated (one strand adjusted, which its reports show) before its summary was
published, and the final report not yet published waits, saying why."""

from collegium.quality.gates import moderation_is_complete
from collegium.quality.models import Moderation, NetworkModerationSettings, SampledReview
from collegium.reports.models import Report
from collegium.reviews.models import JudgementRevision


def test_the_published_review_was_sampled_and_moderated_first(demo_network, client):
    assert NetworkModerationSettings.current().requires_moderation
    published = Report.objects.get(status=Report.Status.PUBLISHED)
    review = published.review
    assert SampledReview.objects.filter(review=review).exists()
    moderation = Moderation.objects.get(review=review)
    assert moderation.is_completed and published.published_at is not None
    assert moderation.completed_at is not None
    assert moderation.completed_at <= published.published_at
    moderated = JudgementRevision.objects.filter(
        judgement__review=review, source=JudgementRevision.Source.MODERATION
    )
    [revision] = moderated
    assert revision.old_level == (revision.new_level or 0) + 1  # adjusted to the stronger level
    page = client.get(f"/reports/{published.pk}/summary/").text
    assert "Judgements changed after the review" in page and "by moderation: was " in page


def test_no_summary_in_the_demo_could_be_published_before_its_moderation(demo_network):
    for report in Report.objects.filter(status=Report.Status.PUBLISHED):
        assert moderation_is_complete(report) is None
    done = Moderation.objects.filter(status=Moderation.Status.COMPLETED).values("review_id")
    waiting = Report.objects.filter(
        status=Report.Status.FINAL, review__moderation_pick__isnull=False
    ).exclude(review_id__in=done)
    assert waiting.exists()  # the demo shows a summary held for its moderation
    for report in waiting:
        assert "it has not been moderated yet" in (moderation_is_complete(report) or "")
