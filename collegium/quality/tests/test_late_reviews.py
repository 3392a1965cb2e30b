"""Reviews agreed after their term's sample was drawn: no draw has considered them, so their
summaries wait until a moderator draws from them, by the same reasons and random share."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.quality.models import ModerationSample, NetworkModerationSettings, SampledReview
from collegium.quality.sampling import draw_late_reviews, draw_sample, late_reviews
from collegium.quality.terms import term_of
from collegium.reviews.models import Review

from .conftest import agree, review_of, seasoned_lead

Reason = SampledReview.Reason


@pytest.fixture
def late(agreed_review, moderator, school_b, framework_version) -> Review:
    """School A's review (led by a new lead) agreed after the term's sample was drawn; school B's
    review, settled, was agreed before and considered."""
    other = review_of(
        school_b, framework_version, seasoned_lead(school_b), agreed_review.start_date
    )
    agree(other)
    agreed_review.status = Review.Status.VISIT
    agreed_review.save(update_fields=["status"])
    NetworkModerationSettings.objects.create(pk=1, random_share=0)
    draw_sample(moderator, term_of(agreed_review.start_date), seed=1)
    agreed_review.status = Review.Status.AGREED
    agreed_review.save(update_fields=["status"])
    return agreed_review


def test_the_sample_keeps_every_review_it_considered(settled_review, moderator):
    NetworkModerationSettings.objects.create(pk=1, random_share=0)
    sample = draw_sample(moderator, term_of(settled_review.start_date), seed=1)
    assert not sample.picks.exists()
    assert list(sample.considered.all()) == [settled_review]
    assert not late_reviews(sample).exists()


def test_a_review_agreed_since_is_late_and_drawn_for_its_reasons(late, moderator):
    term = term_of(late.start_date)
    sample = ModerationSample.objects.get()
    assert list(late_reviews(sample)) == [late]
    [pick] = draw_late_reviews(moderator, term)
    assert pick.review == late and pick.sample == sample and pick.reasons == [Reason.NEW_LEAD]
    assert sample.considered.filter(pk=late.pk).exists() and not late_reviews(sample).exists()
    event = AuditEvent.objects.get(action=verbs.LATE_REVIEWS_DRAWN)
    assert event.after == {"late": [late.pk], "reviews": {str(late.pk): [Reason.NEW_LEAD]}}


def test_the_random_share_applies_to_late_reviews(late, moderator, lead_reviewer):
    first = lead_reviewer.reviewer_profile.accreditations.get()
    first.granted_on = first.granted_on.replace(year=first.granted_on.year - 3)
    first.save()  # no reason left to pick it
    sample = ModerationSample.objects.get()
    sample.random_share = 100
    sample.save()
    [pick] = draw_late_reviews(moderator, term_of(late.start_date))
    assert pick.reasons == [Reason.RANDOM]


def test_late_reviews_are_drawn_once(late, moderator):
    term = term_of(late.start_date)
    draw_late_reviews(moderator, term)
    with pytest.raises(ValidationError, match="has been agreed since the last draw"):
        draw_late_reviews(moderator, term)
    assert SampledReview.objects.count() == 1


def test_there_is_nothing_to_draw_from_before_the_sample(agreed_review, moderator):
    term = term_of(agreed_review.start_date)
    with pytest.raises(ValidationError, match=f"The sample for the {term.label.lower()} has not"):
        draw_late_reviews(moderator, term)
    assert not SampledReview.objects.exists()


def test_only_a_moderator_draws_late_reviews(late, client_for, network_admin, lead_reviewer):
    url = reverse("quality:draw-late", args=[term_of(late.start_date).key])
    for person in (network_admin, lead_reviewer):
        assert client_for(person).post(url).status_code == 403
    assert not SampledReview.objects.exists()


def test_the_home_page_offers_the_late_draw(late, moderator, client_for, outsider):
    term = term_of(late.start_date)
    home = client_for(moderator).get(reverse("quality:home"), {"term": term.key}).text
    assert "Reviews agreed since the sample was drawn" in home
    assert "1 review of this term was agreed after the sample was drawn" in home
    url = reverse("quality:draw-late", args=[term.key])
    assert client_for(outsider).post(url).status_code == 403
    assert client_for(None).post(url).status_code == 302
    assert not SampledReview.objects.exists()
    page = client_for(moderator).post(url, follow=True).text
    assert "Late reviews drawn: 1 review to moderate" in page
    assert "Reviews agreed since the sample was drawn" not in page
    again = client_for(moderator).post(url, follow=True).text
    assert "has been agreed since the last draw" in again
