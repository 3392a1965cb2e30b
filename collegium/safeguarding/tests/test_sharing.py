"""G1 sharing: only the head shares, only with a review of the school still under way, and the
team reads the audit only while it is shared; oversight reads it only when shared."""

import pytest
from django.core.exceptions import ValidationError

from collegium import access
from collegium.reviews.models import Review
from collegium.safeguarding.models import AuditShare
from collegium.safeguarding.services import sharing
from conftest import make_school


def refused(call, *args, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return " ".join(caught.value.messages)


def test_the_team_reads_the_audit_only_once_the_head_shares_it_for_their_review(
    audit, review, school_leader, reviewer, lead_reviewer
):
    assert not access.can(reviewer, "safeguarding.view", audit)
    share = sharing.share_for_review(school_leader, audit, review)
    for member in (reviewer, lead_reviewer):
        access.forget_roles(member)
        assert access.can(member, "safeguarding.view", audit)
        assert not access.can(member, "safeguarding.audit", audit)
    sharing.withdraw_share(school_leader, share)
    assert not access.can(reviewer, "safeguarding.view", audit)


def test_the_audit_is_shared_only_with_a_live_review_of_the_school(
    audit, review, school_leader, la, cluster
):
    elsewhere = make_school(la, 900077, "Far School")
    other = Review.objects.create(
        school=elsewhere,
        cluster=cluster,
        kind=review.kind,
        framework_version=review.framework_version,
        start_date=review.start_date,
        days=1,
    )
    assert refused(sharing.share_for_review, school_leader, audit, other) == (
        "Choose a review of this school"
    )
    review.status = Review.Status.CLOSED
    review.save(update_fields=["status"])
    assert "That review has ended" in refused(
        sharing.share_for_review, school_leader, audit, review
    )
    assert not AuditShare.objects.exists()


def test_sharing_twice_is_refused(audit, review, school_leader):
    sharing.share_for_review(school_leader, audit, review)
    assert refused(sharing.share_for_review, school_leader, audit, review) == (
        "The audit is already shared with that review's team"
    )


def test_oversight_reads_the_whole_audit_only_when_the_school_shares_it(
    audit, school_leader, moderator, network_admin
):
    for person in (moderator, network_admin):
        assert access.can(person, "safeguarding.status", audit)
        assert not access.can(person, "safeguarding.view", audit)
    shared = sharing.share_with_oversight(school_leader, audit, True)
    assert access.can(moderator, "safeguarding.view", shared)
    assert "already shared" in refused(sharing.share_with_oversight, school_leader, shared, True)
    sharing.share_with_oversight(school_leader, shared, False)
    shared.refresh_from_db()
    assert not access.can(moderator, "safeguarding.view", shared)
