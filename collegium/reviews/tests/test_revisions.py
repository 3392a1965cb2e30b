"""The one service that changes an agreed judgement after agreement (moderation, complaints)."""

import pytest
from django.core.exceptions import ValidationError

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.frameworks.models import Strand
from collegium.people.tests.helpers import rows_locked
from collegium.reviews.models import Judgement, JudgementRevision, Review
from collegium.reviews.services.revisions import (
    change_judgement,
    describe,
    people_to_tell,
    revise_judgement,
)

Source = JudgementRevision.Source


@pytest.fixture
def judgement(review, lead_reviewer):
    review.status = Review.Status.AGREED
    review.save()
    strand = Strand.objects.get(area__version=review.framework_version, code="A1S1")
    return Judgement.objects.create(
        review=review, strand=strand, level=3, rationale="Working towards", agreed_by=lead_reviewer
    )


def test_a_revision_changes_the_level_and_keeps_both(
    judgement,
    moderator,
    school_leader,
    lead_reviewer,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        revision = revise_judgement(moderator, judgement, 2, "Lessons show more", Source.MODERATION)
    judgement.refresh_from_db()
    assert judgement.level == 2 and revision is not None
    assert (revision.old_level, revision.new_level, revision.changed_by) == (3, 2, moderator)
    event = AuditEvent.objects.get(action=verbs.JUDGEMENT_REVISED)
    assert event.before == {"level": 3}
    assert event.after == {"level": 2, "source": "moderation", "reason": "Lessons show more"}
    told = sorted(address for email in mailoutbox for address in email.to)
    assert told == sorted([school_leader.email, lead_reviewer.email])
    assert "Before: Working towards" in mailoutbox[0].body
    assert "Now: Effective" in mailoutbox[0].body


def test_the_same_level_changes_nothing(judgement, moderator):
    assert revise_judgement(moderator, judgement, 3, "", Source.MODERATION) is None
    assert not JudgementRevision.objects.exists()
    assert not AuditEvent.objects.filter(action=verbs.JUDGEMENT_REVISED).exists()


def test_a_change_needs_a_reason(judgement, moderator):
    with pytest.raises(ValidationError, match="Explain why the judgement of A1S1"):
        revise_judgement(moderator, judgement, 1, "  ", Source.COMPLAINT)
    judgement.refresh_from_db()
    assert judgement.level == 3 and not JudgementRevision.objects.exists()


def test_a_level_outside_the_strands_scale_is_refused(judgement, moderator):
    with pytest.raises(ValidationError, match="Choose a level for A1S1"):
        revise_judgement(moderator, judgement, 9, "Typo", Source.COMPLAINT)
    judgement.refresh_from_db()
    assert judgement.level == 3


def test_changing_without_telling_leaves_the_telling_to_the_caller(
    judgement, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    """A decision on several strands (a moderation, a complaint outcome) changes each with
    change_judgement and tells the people once, with describe()."""
    with django_capture_on_commit_callbacks(execute=True):
        revision = change_judgement(moderator, judgement, 2, "Lessons show more", Source.COMPLAINT)
    assert revision is not None and mailoutbox == []
    judgement.refresh_from_db()
    assert judgement.level == 2 and revision.source == Source.COMPLAINT
    assert describe([revision]) == (
        "A1S1 Strand 1.1\nBefore: Working towards\nNow: Effective\nWhy: Lessons show more"
    )


def test_the_lead_and_the_schools_leaders_are_told(judgement, school_leader, lead_reviewer):
    told = people_to_tell(judgement.review)
    assert sorted(person.email for person in told) == sorted(
        [school_leader.email, lead_reviewer.email]
    )


def test_the_judgement_is_locked_before_it_is_read(judgement, moderator):
    with rows_locked() as locked:
        revise_judgement(moderator, judgement, 2, "Lessons show more", Source.MODERATION)
    assert locked[0] is Judgement


def test_a_stale_copy_changes_from_the_level_it_has_now(judgement, moderator):
    """Two changes at once: the second reads the judgement under the lock, so its revision
    keeps the level the first change gave, not the one its page showed."""
    stale = Judgement.objects.get(pk=judgement.pk)
    revise_judgement(moderator, judgement, 2, "Lessons show more", Source.MODERATION)
    second = revise_judgement(moderator, stale, 1, "Upheld", Source.COMPLAINT)
    assert second is not None and (second.old_level, second.new_level) == (2, 1)
    assert revise_judgement(moderator, stale, 1, "Again", Source.COMPLAINT) is None
    assert JudgementRevision.objects.count() == 2
