"""Moving or scheduling a review far into the future is refused with a message, not a 500
(a start of 9999-12-31 used to fail in the working-day arithmetic)."""

import pytest
from django.utils import timezone

from collegium.reviews.models import Review

LAST_YEAR = timezone.localdate().year + 10
WINDOW = f"between 1 January 2000 and 31 December {LAST_YEAR}"


@pytest.mark.parametrize("typed", ["9999-12-31", "0001-01-01", f"{LAST_YEAR + 1}-01-05"])
def test_a_move_outside_the_window_is_refused_and_changes_nothing(
    client_for, review, coordinator, typed
):
    before = Review.objects.values().get(pk=review.pk)
    page = client_for(coordinator).post(
        f"/reviews/{review.pk}/move/", {"start_date": typed, "days": "3"}
    )
    assert page.status_code == 400
    assert f"New start date must be {WINDOW}" in page.content.decode()
    assert Review.objects.values().get(pk=review.pk) == before


def test_someone_outside_the_review_cannot_move_it(client_for, review, outsider):
    before = Review.objects.values().get(pk=review.pk)
    page = client_for(outsider).post(
        f"/reviews/{review.pk}/move/", {"start_date": "9999-12-31", "days": "3"}
    )
    assert page.status_code == 404
    assert Review.objects.values().get(pk=review.pk) == before
