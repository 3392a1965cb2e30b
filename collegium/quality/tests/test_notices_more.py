"""Drawing a term's moderation sample, or its late reviews, tells the other moderators which
reviews were picked: the moderator who drew it saw them, and nobody else moderates."""

import pytest
from django.core import mail
from django.urls import reverse

from collegium.notifications.models import Notification
from collegium.people.models import Role
from collegium.quality.models import NetworkModerationSettings
from collegium.quality.sampling import draw_late_reviews, draw_sample
from collegium.quality.terms import term_of
from collegium.reviews.models import Review
from conftest import grant, make_user

from .conftest import agree, review_of, seasoned_lead

SITE = "http://testserver"


@pytest.fixture
def second_moderator(db):
    return grant(make_user("Meg Moderator"), Role.MODERATOR)


def test_the_other_moderators_hear_which_reviews_were_picked(
    agreed_review,
    moderator,
    second_moderator,
    network_admin,
    lead_reviewer,
    school_leader,
    django_capture_on_commit_callbacks,
):
    term = term_of(agreed_review.start_date)
    with django_capture_on_commit_callbacks(execute=True):
        draw_sample(moderator, term, seed=1)  # picked: its lead is newly accredited
    notification = Notification.objects.get(
        event="moderation-sample-drawn", recipient=second_moderator
    )
    assert notification.subject == f"Reviews to moderate: {term.label}"
    assert notification.link == f"{SITE}{reverse('quality:home')}"
    assert "1 review of the" in notification.text_body
    assert "- Ash Primary School" in notification.text_body
    (email,) = [m for m in mail.outbox if m.to == [second_moderator.email]]
    assert notification.link in email.body
    others = [moderator, network_admin, lead_reviewer, school_leader]
    assert not Notification.objects.filter(recipient__in=others).exists()


def test_a_draw_that_picks_nothing_tells_nobody(settled_review, moderator, second_moderator):
    NetworkModerationSettings.objects.create(pk=1, random_share=0)
    draw_sample(moderator, term_of(settled_review.start_date), seed=1)
    assert not Notification.objects.exists()


def test_late_reviews_picked_are_told_too(
    agreed_review, moderator, second_moderator, school_b, framework_version
):
    agree(review_of(school_b, framework_version, seasoned_lead(school_b), agreed_review.start_date))
    agreed_review.status = Review.Status.VISIT
    agreed_review.save(update_fields=["status"])
    NetworkModerationSettings.objects.create(pk=1, random_share=0)
    term = term_of(agreed_review.start_date)
    draw_sample(moderator, term, seed=1)  # school B's review, settled: nothing picked
    assert not Notification.objects.exists()
    agreed_review.status = Review.Status.AGREED
    agreed_review.save(update_fields=["status"])
    draw_late_reviews(second_moderator, term)
    notification = Notification.objects.get(event="moderation-sample-drawn", recipient=moderator)
    assert "- Ash Primary School" in notification.text_body
    assert not Notification.objects.filter(recipient=second_moderator).exists()


def test_someone_who_may_not_draw_is_refused_and_nobody_is_told(
    agreed_review, client_for, coordinator, second_moderator
):
    draw = reverse("quality:draw", args=[term_of(agreed_review.start_date).key])
    assert client_for(coordinator).post(draw).status_code == 403
    assert not Notification.objects.exists()
