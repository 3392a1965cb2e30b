"""The review status table: every allowed move is made and recorded, every other is refused."""

import pytest
from django.core.exceptions import ValidationError

from collegium.audit.models import AuditEvent
from collegium.reviews.models import Review
from collegium.reviews.services.status import TRANSITIONS, change_status

Status = Review.Status
TARGETS = [Status.VISIT, Status.AGREED, Status.CLOSED, Status.CANCELLED]
VERBS = {
    Status.VISIT: "start the visit of",
    Status.AGREED: "agree the judgements of",
    Status.CLOSED: "close",
    Status.CANCELLED: "cancel",
}
ALLOWED = {
    (Status.PLANNING, Status.VISIT),
    (Status.PLANNING, Status.CANCELLED),
    (Status.VISIT, Status.AGREED),
    (Status.VISIT, Status.CANCELLED),
    (Status.AGREED, Status.CLOSED),
}
MOVES = [(start, to) for start in Status.values for to in TARGETS if start != to]


def test_the_table_allows_exactly_the_moves_of_the_review_cycle():
    assert {(start, to) for start, tos in TRANSITIONS.items() for to in tos} == ALLOWED


@pytest.mark.parametrize(("start", "to"), sorted(ALLOWED))
def test_an_allowed_move_changes_the_status_and_is_recorded(review, coordinator, start, to):
    Review.objects.filter(pk=review.pk).update(status=start)
    review.refresh_from_db()
    change_status(coordinator, review, to)
    review.refresh_from_db()
    assert review.status == to
    event = AuditEvent.objects.get(object_type="reviews.review", object_id=str(review.pk))
    assert event.before == {"status": start} and event.after == {"status": to}
    assert event.actor == coordinator


@pytest.mark.parametrize(("start", "to"), [m for m in MOVES if m not in ALLOWED])
def test_a_refused_move_says_why_and_changes_nothing(review, coordinator, start, to):
    Review.objects.filter(pk=review.pk).update(status=start)
    review.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        change_status(coordinator, review, to)
    current = Status(start).label.lower()
    assert refused.value.messages == [f"You cannot {VERBS[to]} a review that is {current}."]
    review.refresh_from_db()
    assert review.status == start
    assert not AuditEvent.objects.filter(object_type="reviews.review").exists()
