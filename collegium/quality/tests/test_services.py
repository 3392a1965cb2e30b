"""Moderating a review strand by strand, completing it, and the network's settings."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.people.tests.helpers import rows_locked
from collegium.quality import services
from collegium.quality.models import Moderation, NetworkModerationSettings, StrandModeration
from collegium.reviews.models import Judgement, JudgementRevision, Review
from collegium.reviews.services.revisions import revise_judgement

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


def test_only_a_moderator_moderates(agreed_review, client_for, lead_reviewer, network_admin):
    strand = strands_of(agreed_review)["A1S1"]
    moderate = reverse("quality:moderate", args=[agreed_review.pk])
    complete = reverse("quality:complete", args=[agreed_review.pk])
    for person in (lead_reviewer, network_admin):
        client = client_for(person)
        assert client.post(moderate, {f"level_{strand.pk}": "1"}).status_code == 403
        assert client.post(complete, {"feedback": "Fine."}).status_code == 403
    assert not Moderation.objects.exists()


def test_network_admin_changes_the_settings(network_admin):
    current = NetworkModerationSettings.current()
    assert current.requires_moderation and current.random_share == 10  # the defaults
    services.update_settings(network_admin, True, 25)
    saved = NetworkModerationSettings.current()
    assert saved.requires_moderation and saved.random_share == 25
    event = AuditEvent.objects.get(action=verbs.MODERATION_SETTINGS_CHANGED)
    assert event.before == {"requires_moderation": True, "random_share": 10}
    assert event.after == {"requires_moderation": True, "random_share": 25}


def test_turning_moderation_off_is_recorded_with_who_and_when(network_admin):
    before = timezone.now()
    services.update_settings(network_admin, False, 10)
    saved = NetworkModerationSettings.current()
    assert not saved.requires_moderation and saved.updated_by == network_admin
    event = AuditEvent.objects.get(action=verbs.MODERATION_SETTINGS_CHANGED)
    assert event.actor == network_admin and event.at >= before
    assert event.before == {"requires_moderation": True, "random_share": 10}
    assert event.after == {"requires_moderation": False, "random_share": 10}


def test_settings_refuse_a_bad_share_and_other_people(network_admin, moderator, client_for):
    with pytest.raises(ValidationError, match="between 0 and 100"):
        services.update_settings(network_admin, True, 101)
    settings = reverse("quality:settings")
    assert client_for(moderator).post(settings, {"random_share": "20"}).status_code == 403
    assert not NetworkModerationSettings.objects.exists()
    assert not AuditEvent.objects.exists()


def test_completing_makes_the_adjusted_level_the_agreed_judgement(
    agreed_review,
    moderator,
    lead_reviewer,
    school_leader,
    reviewer,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    moderate_all(agreed_review, moderator, adjust="A2S1")  # agreed 2, moderated 3
    with django_capture_on_commit_callbacks(execute=True):
        services.complete_moderation(moderator, agreed_review, "Secure.\nA2S1 generous.")
    judgement = Judgement.objects.get(review=agreed_review, strand__code="A2S1")
    assert judgement.level == 3
    revision = JudgementRevision.objects.get()
    assert (revision.judgement, revision.old_level, revision.new_level) == (judgement, 2, 3)
    assert revision.source == JudgementRevision.Source.MODERATION
    assert revision.changed_by == moderator and revision.reason == "Evidence is thin."
    kept = StrandModeration.objects.get(strand__code="A2S1")
    assert (kept.agreed_level, kept.level) == (2, 3)  # both levels kept
    event = AuditEvent.objects.get(action=verbs.JUDGEMENT_REVISED)
    assert event.before == {"level": 2} and (event.after or {})["source"] == "moderation"
    other = Judgement.objects.get(review=agreed_review, strand__code="A1S1")
    assert other.level == 1 and not other.revisions.exists()
    # One email each to the lead and the school's leaders, not the rest of the team.
    assert sorted(address for email in mailoutbox for address in email.to) == sorted(
        [lead_reviewer.email, school_leader.email]
    )
    body = mailoutbox[0].body
    assert mailoutbox[0].subject == "Moderation completed: Ash Primary School"
    assert "The moderator changed these agreed judgements" in body
    assert "Before: Effective\nNow: Working towards\nWhy: Evidence is thin." in body
    assert "Secure.\nA2S1 generous." in body
    assert reviewer.email not in {address for email in mailoutbox for address in email.to}


def test_completing_with_every_level_confirmed_changes_nothing_and_says_so(
    agreed_review, moderator, school_leader, mailoutbox, django_capture_on_commit_callbacks
):
    moderate_all(agreed_review, moderator)
    with django_capture_on_commit_callbacks(execute=True):
        services.complete_moderation(moderator, agreed_review, "Well judged.")
    assert not JudgementRevision.objects.exists()
    assert not AuditEvent.objects.filter(action=verbs.JUDGEMENT_REVISED).exists()
    assert len(mailoutbox) == 2
    assert "The moderator confirmed every agreed judgement." in mailoutbox[0].body


def test_a_refused_completion_changes_no_judgement_and_tells_nobody(
    agreed_review, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    moderate_all(agreed_review, moderator, adjust="A2S1")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.complete_moderation(moderator, agreed_review, "  ")
    assert Judgement.objects.get(review=agreed_review, strand__code="A2S1").level == 2
    assert not JudgementRevision.objects.exists() and mailoutbox == []


def test_a_judgement_changed_since_it_was_moderated_must_be_moderated_again(
    agreed_review, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    """A complaint outcome changed A1S1 after the moderator confirmed it: completing would
    overwrite a level the moderator never saw."""
    moderate_all(agreed_review, moderator, adjust="A2S1")
    judgement = Judgement.objects.get(review=agreed_review, strand__code="A1S1")
    revise_judgement(moderator, judgement, 2, "Upheld in part.", JudgementRevision.Source.COMPLAINT)
    changed = "The agreed level of A1S1 has changed since"
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError, match=changed),
    ):
        services.complete_moderation(moderator, agreed_review, "Secure.")
    assert Moderation.objects.get().status == Moderation.Status.IN_PROGRESS
    assert Judgement.objects.get(review=agreed_review, strand__code="A2S1").level == 2
    assert JudgementRevision.objects.count() == 1
    assert not [email for email in mailoutbox if "Moderation completed" in email.subject]
    services.moderate_strand(moderator, agreed_review, judgement.strand, 2, "")
    services.complete_moderation(moderator, agreed_review, "Secure.")
    assert Judgement.objects.get(review=agreed_review, strand__code="A2S1").level == 3


def test_completing_locks_the_moderation_before_reading_it(agreed_review, moderator):
    moderate_all(agreed_review, moderator, adjust="A2S1")
    with rows_locked() as locked:
        services.complete_moderation(moderator, agreed_review, "Secure.")
    assert locked[0] is Moderation  # so a second completion waits, then finds it completed


def test_completing_twice_at_once_applies_the_change_once(
    agreed_review, moderator, school_leader, mailoutbox, django_capture_on_commit_callbacks
):
    """Two moderators (or a double click) complete from the same page: the second request
    reads the moderation under the lock, after the first committed, and is refused."""
    moderate_all(agreed_review, moderator, adjust="A2S1")
    stale = Review.objects.get(pk=agreed_review.pk)  # the second request's copy
    with django_capture_on_commit_callbacks(execute=True):
        services.complete_moderation(moderator, agreed_review, "First.")
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError, match="can no longer be changed"),
    ):
        services.complete_moderation(moderator, stale, "Second.")
    assert Moderation.objects.get().feedback == "First."
    assert JudgementRevision.objects.count() == 1
    assert AuditEvent.objects.filter(action=verbs.MODERATION_COMPLETED).count() == 1
    assert len(mailoutbox) == 2  # the first completion's email to each person only


def test_a_level_outside_the_strands_scale_is_refused(agreed_review, moderator):
    strand = strands_of(agreed_review)["A2S2"]  # met or not met: 1 or 2
    with pytest.raises(ValidationError, match="Choose met or not met for A2S2"):
        services.moderate_strand(moderator, agreed_review, strand, 4, "Exceeds.")
    assert not Moderation.objects.exists()
