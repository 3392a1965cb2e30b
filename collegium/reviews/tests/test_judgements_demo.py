"""The demo visit loader writes a whole visit through the services."""

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.reviews.demo_visit import load_demo_visit
from collegium.reviews.models import Review


def test_demo_visit_records_evidence_proposals_a_concern_and_agrees(review, school_leader):
    review.status = Review.Status.VISIT
    review.save()
    load_demo_visit(review)
    review.refresh_from_db()
    assert review.status == Review.Status.AGREED
    authors = set(review.evidence.values_list("author__reviewer__user__full_name", flat=True))
    assert authors == {"Lena Lead", "Rhys Reviewer"}
    assert review.judgements.count() == 4 and review.findings.improvement_priority
    assert review.proposals.count() == 4
    assert [c.is_answered for c in review.concerns.all()] == [True]
    assert AuditEvent.objects.filter(action=verbs.EVIDENCE_RECORDED).count() == 4


def test_demo_visit_can_stop_before_agreement(review, school_leader):
    review.status = Review.Status.VISIT
    review.save()
    load_demo_visit(review, agree=False, concern=False)
    review.refresh_from_db()
    assert review.status == Review.Status.VISIT
    assert not review.judgements.exists() and not review.concerns.exists()
    assert review.evidence.count() == 4
