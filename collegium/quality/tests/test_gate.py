"""The moderation gate of publication: on by default, a summary is published only once its term's
sample is drawn, and, if the review was picked or a moderator started on it, once its moderation
is completed. Each way round it is tried and refused with the reason the page shows."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from collegium.quality import services
from collegium.quality.gates import MODERATION_IN_PROGRESS, moderation_is_complete
from collegium.quality.models import NetworkModerationSettings
from collegium.quality.sampling import draw_late_reviews, draw_sample
from collegium.quality.terms import term_of
from collegium.reports.models import Report
from collegium.reports.publication import PUBLICATION_GATES, publish_summary
from collegium.reviews.models import Review

from .conftest import agree, review_of, seasoned_lead, strands_of
from .test_services import moderate_all


def final_report_of(review: Review, school_leader) -> Report:
    return Report.objects.create(
        review=review,
        status=Report.Status.FINAL,
        summary="Pupils read well.",
        summary_agreed_at=timezone.now(),
        summary_agreed_by=school_leader,
    )


@pytest.fixture
def final_report(agreed_review, school_leader) -> Report:
    """School A's review, led by a newly accredited lead: picked whenever a sample is drawn."""
    return final_report_of(agreed_review, school_leader)


@pytest.fixture
def unpicked_report(settled_review, school_leader) -> Report:
    """School A's review with no reason to be picked; the random share is 0."""
    NetworkModerationSettings.objects.create(pk=1, random_share=0)
    return final_report_of(settled_review, school_leader)


def refused(lead, report: Report) -> list[str]:
    with pytest.raises(ValidationError) as error:
        publish_summary(lead, report)
    report.refresh_from_db()
    assert report.status == Report.Status.FINAL and report.published_at is None
    return error.value.messages


def sample_not_drawn(review: Review) -> str:
    term = term_of(review.start_date).label.lower()
    return f"The moderators have not drawn the sample for the {term} yet."


def test_the_gate_is_one_of_the_publication_gates():
    assert moderation_is_complete in PUBLICATION_GATES


def test_moderation_is_required_by_default(db):
    assert not NetworkModerationSettings.objects.exists()
    assert NetworkModerationSettings.current().requires_moderation


def test_nothing_is_published_before_the_sample_is_drawn(final_report, lead_reviewer):
    assert refused(lead_reviewer, final_report) == [sample_not_drawn(final_report.review)]
    assert sample_not_drawn(final_report.review).startswith(
        "The moderators have not drawn the sample for the "
    )


def test_a_picked_review_waits_for_its_moderation_to_be_completed(
    final_report, lead_reviewer, moderator
):
    review = final_report.review
    draw_sample(moderator, term_of(review.start_date), seed=1)
    assert refused(lead_reviewer, final_report) == [
        "This review was sampled for moderation (led by a newly accredited lead reviewer): "
        "it has not been moderated yet."
    ]
    moderate_all(review, moderator)
    assert refused(lead_reviewer, final_report) == [MODERATION_IN_PROGRESS]
    services.complete_moderation(moderator, review, "Judgements are secure.")
    assert publish_summary(lead_reviewer, final_report).status == Report.Status.PUBLISHED


def test_every_reason_it_was_picked_is_given(final_report, lead_reviewer, moderator, school_leader):
    review = final_report.review
    review.concerns.create(raised_by=school_leader, text="The team arrived late.")
    draw_sample(moderator, term_of(review.start_date), seed=1)
    assert refused(lead_reviewer, final_report) == [
        "This review was sampled for moderation (led by a newly accredited lead reviewer; "
        "the school raised a concern): it has not been moderated yet."
    ]


def test_a_review_left_out_of_the_sample_is_published_once_it_is_drawn(
    unpicked_report, lead_reviewer, moderator
):
    review = unpicked_report.review
    assert refused(lead_reviewer, unpicked_report) == [sample_not_drawn(review)]
    sample = draw_sample(moderator, term_of(review.start_date), seed=1)
    assert not sample.picks.exists()
    assert publish_summary(lead_reviewer, unpicked_report).status == Report.Status.PUBLISHED


def test_a_moderation_started_on_a_review_left_out_must_be_completed(
    unpicked_report, lead_reviewer, moderator
):
    review = unpicked_report.review
    draw_sample(moderator, term_of(review.start_date), seed=1)
    strand = strands_of(review)["A1S1"]
    services.moderate_strand(moderator, review, strand, 1, "")
    assert refused(lead_reviewer, unpicked_report) == [MODERATION_IN_PROGRESS]
    moderate_all(review, moderator)
    services.complete_moderation(moderator, review, "Secure.")
    assert publish_summary(lead_reviewer, unpicked_report).status == Report.Status.PUBLISHED


def test_a_review_agreed_after_the_draw_waits_for_the_late_draw(
    unpicked_report, lead_reviewer, moderator
):
    """Agreeing late is no way round: the late draw picks the review for the same reasons."""
    review = unpicked_report.review
    review.status = Review.Status.VISIT  # not agreed when the sample is drawn
    review.save(update_fields=["status"])
    term = term_of(review.start_date)
    draw_sample(moderator, term, seed=1)
    review.status = Review.Status.AGREED
    review.save(update_fields=["status"])
    assert refused(lead_reviewer, unpicked_report) == [
        "This review's judgements were not agreed when the sample for the "
        f"{term.label.lower()} was drawn: the moderators have not drawn from the reviews "
        "agreed since yet."
    ]
    picked = draw_late_reviews(moderator, term)
    assert picked == []  # no reason to pick it, and a share of 0
    assert publish_summary(lead_reviewer, unpicked_report).status == Report.Status.PUBLISHED


def test_a_late_review_with_a_reason_is_picked_and_waits(
    final_report, lead_reviewer, moderator, school_b, framework_version
):
    review = final_report.review
    term = term_of(review.start_date)
    other = agree(
        review_of(school_b, framework_version, seasoned_lead(school_b), review.start_date)
    )
    review.status = Review.Status.VISIT
    review.save(update_fields=["status"])
    draw_sample(moderator, term, seed=1)
    review.status = Review.Status.AGREED
    review.save(update_fields=["status"])
    [pick] = draw_late_reviews(moderator, term)
    assert pick.review == review and pick.sample.considered.filter(pk=other.pk).exists()
    assert "it has not been moderated yet" in refused(lead_reviewer, final_report)[0]


def test_turned_off_a_summary_is_published_unmoderated(final_report, lead_reviewer, network_admin):
    services.update_settings(network_admin, False, 10)
    assert moderation_is_complete(final_report) is None
    assert publish_summary(lead_reviewer, final_report).status == Report.Status.PUBLISHED


def test_the_publish_page_says_why_and_refuses(final_report, lead_reviewer, moderator, client_for):
    review = final_report.review
    url = reverse("reports:publish", args=[review.pk])
    client = client_for(lead_reviewer)
    assert sample_not_drawn(review) in client.get(url).text
    draw_sample(moderator, term_of(review.start_date), seed=1)
    page = client.get(url).text
    assert "This review was sampled for moderation (led by a newly accredited lead reviewer)" in (
        page
    )
    client.post(url)
    final_report.refresh_from_db()
    assert final_report.status == Report.Status.FINAL


def test_the_moderator_may_not_publish(final_report, moderator, client_for):
    moderate_all(final_report.review, moderator)
    services.complete_moderation(moderator, final_report.review, "Secure.")
    url = reverse("reports:publish", args=[final_report.review.pk])
    assert client_for(moderator).post(url).status_code in (403, 404)
    final_report.refresh_from_db()
    assert final_report.status == Report.Status.FINAL


def test_a_review_from_another_term_needs_that_terms_sample(final_report, lead_reviewer, moderator):
    review = final_report.review
    draw_sample(moderator, term_of(review.start_date - timedelta(days=130)), seed=1)
    assert refused(lead_reviewer, final_report) == [sample_not_drawn(review)]
