"""The one service that changes an agreed judgement after agreement (moderation, complaints)."""

import pytest
from django.core.exceptions import ValidationError

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.frameworks.models import Strand
from collegium.reviews.models import Judgement, JudgementRevision, Review
from collegium.reviews.services.revisions import revise_judgement

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
    assert judgement.level == 2
    assert (revision.old_level, revision.new_level, revision.changed_by) == (3, 2, moderator)
    event = AuditEvent.objects.get(action=verbs.JUDGEMENT_REVISED)
    assert event.before == {"level": 3}
    assert event.after["level"] == 2 and event.after["source"] == "moderation"
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
