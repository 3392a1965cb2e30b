"""Moderating a review strand by strand, completing it, and the network's settings."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.quality import services
from collegium.quality.models import Moderation, NetworkModerationSettings, StrandModeration
from collegium.reviews.models import Review

from .conftest import strands_of


def moderate_all(review: Review, moderator, adjust: str = "") -> None:
    for code, strand in strands_of(review).items():
        level = review.judgements.get(strand=strand).level
        if code == adjust:
            services.moderate_strand(
                moderator, review, strand, (level or 0) + 1, "Evidence is thin."
            )
        else:
            services.moderate_strand(moderator, review, strand, level, "")


def test_confirming_a_strand_starts_the_moderation(agreed_review, moderator):
    strand = strands_of(agreed_review)["A1S1"]
    entry = services.moderate_strand(moderator, agreed_review, strand, 1, "")
    assert not entry.adjusted and entry.agreed_level == 1
    moderation = Moderation.objects.get(review=agreed_review)
    assert moderation.status == Moderation.Status.IN_PROGRESS and moderation.moderator == moderator
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions == [verbs.MODERATION_STARTED, verbs.STRAND_LEVEL_CONFIRMED]


def test_adjusting_needs_a_rationale(agreed_review, moderator):
    strand = strands_of(agreed_review)["A1S2"]
    with pytest.raises(ValidationError, match="Explain why you adjusted the level of A1S2"):
        services.moderate_strand(moderator, agreed_review, strand, 3, "  ")
    assert not Moderation.objects.exists()
    entry = services.moderate_strand(moderator, agreed_review, strand, 3, "Books show gaps.")
    assert entry.adjusted and entry.level == 3 and entry.agreed_level == 2
    event = AuditEvent.objects.get(action=verbs.STRAND_LEVEL_ADJUSTED)
    assert (event.after or {})["level"] == 3 and (event.after or {})[
        "rationale"
    ] == "Books show gaps."


def test_changing_a_strand_again_updates_it(agreed_review, moderator):
    strand = strands_of(agreed_review)["A1S2"]
    services.moderate_strand(moderator, agreed_review, strand, 3, "Books show gaps.")
    services.moderate_strand(moderator, agreed_review, strand, 2, "")
    entry = StrandModeration.objects.get()
    assert entry.level == 2 and not entry.adjusted
    assert (AuditEvent.objects.get(action=verbs.STRAND_LEVEL_CONFIRMED).before or {})["level"] == 3


def test_only_agreed_reviews_are_moderated(review, moderator):
    review.status = Review.Status.VISIT
    review.save()
    strand = strands_of(review)["A1S1"]
    with pytest.raises(ValidationError, match="not agreed a judgement"):
        services.moderate_strand(moderator, review, strand, 1, "")
    assert not Moderation.objects.exists()


def test_completing_needs_every_strand_and_feedback(agreed_review, moderator):
    with pytest.raises(ValidationError, match="Confirm or adjust each strand"):
        services.complete_moderation(moderator, agreed_review, "Well judged.")
    services.moderate_strand(moderator, agreed_review, strands_of(agreed_review)["A1S1"], 1, "")
    with pytest.raises(ValidationError, match="Confirm or adjust A1S2, A2S1, A2S2"):
        services.complete_moderation(moderator, agreed_review, "Well judged.")
    moderate_all(agreed_review, moderator, adjust="A2S1")
    with pytest.raises(ValidationError, match="Enter your feedback"):
        services.complete_moderation(moderator, agreed_review, " ")
    assert Moderation.objects.get().status == Moderation.Status.IN_PROGRESS


def test_a_completed_moderation_is_final(agreed_review, moderator):
    moderate_all(agreed_review, moderator, adjust="A2S1")
    done = services.complete_moderation(moderator, agreed_review, "Well judged overall.")
    assert done.is_completed and done.completed_at is not None
    assert done.feedback == "Well judged overall."
    event = AuditEvent.objects.get(action=verbs.MODERATION_COMPLETED)
    assert (event.before or {})["status"] == "in_progress" and (event.after or {})[
        "status"
    ] == "completed"
    strand = strands_of(agreed_review)["A1S1"]
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.moderate_strand(moderator, agreed_review, strand, 2, "Too generous.")
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.complete_moderation(moderator, agreed_review, "Again.")
    assert StrandModeration.objects.get(strand=strand).level == 1


def test_the_transition_table_allows_only_start_then_complete():
    status = Moderation.Status
    assert services.TRANSITIONS[None] == {status.IN_PROGRESS}
    assert services.TRANSITIONS[status.IN_PROGRESS] == {status.COMPLETED}
    assert services.TRANSITIONS[status.COMPLETED] == set()


def test_only_a_moderator_moderates(agreed_review, lead_reviewer, network_admin):
    strand = strands_of(agreed_review)["A1S1"]
    for person in (lead_reviewer, network_admin):
        with pytest.raises(PermissionDenied):
            services.moderate_strand(person, agreed_review, strand, 1, "")
        with pytest.raises(PermissionDenied):
            services.complete_moderation(person, agreed_review, "Fine.")
    assert not Moderation.objects.exists()


def test_network_admin_changes_the_settings(network_admin):
    assert NetworkModerationSettings.current().random_share == 10
    services.update_settings(network_admin, True, 25)
    saved = NetworkModerationSettings.current()
    assert saved.requires_moderation and saved.random_share == 25
    event = AuditEvent.objects.get(action=verbs.MODERATION_SETTINGS_CHANGED)
    assert event.before == {"requires_moderation": False, "random_share": 10}
    assert event.after == {"requires_moderation": True, "random_share": 25}


def test_settings_refuse_a_bad_share_and_other_people(network_admin, moderator):
    with pytest.raises(ValidationError, match="between 0 and 100"):
        services.update_settings(network_admin, True, 101)
    with pytest.raises(PermissionDenied):
        services.update_settings(moderator, True, 20)
    assert not NetworkModerationSettings.objects.exists()
    assert not AuditEvent.objects.exists()
