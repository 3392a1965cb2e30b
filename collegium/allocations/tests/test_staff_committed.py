"""people:staff shows a home school's head the days each of their staff is committed to."""

from datetime import timedelta

import pytest
from django.urls import reverse

from collegium.allocations.tests.helpers import text_of
from collegium.people.dates import academic_year_label, current_academic_year
from collegium.people.models import CapacityApproval
from collegium.reviews.models import Review, TeamMember

STAFF = reverse("people:staff")


@pytest.mark.django_db
def test_the_head_sees_days_committed_beside_days_approved(
    client_for, leader_of_b, reviewer, review, network_admin
):
    year = current_academic_year()
    CapacityApproval.objects.create(
        reviewer=reviewer.reviewer_profile, academic_year=year, days=12, approved_by=network_admin
    )
    cancelled = Review.objects.create(
        school=review.school,
        cluster=review.cluster,
        kind=review.kind,
        framework_version=review.framework_version,
        start_date=review.start_date + timedelta(days=7),
        days=2,
        status=Review.Status.CANCELLED,
    )
    TeamMember.objects.create(review=cancelled, reviewer=reviewer.reviewer_profile, role="peer")
    text = text_of(client_for(leader_of_b).get(STAFF))
    assert f"Days on review teams in {academic_year_label(year)}" in text
    row = "Rhys Reviewer Deputy headteacher Beech Primary School 12 Withdraw the days approved for"
    assert row in text and f"Rhys Reviewer in {academic_year_label(year)} 3 Not approved" in text


@pytest.mark.django_db
def test_another_head_does_not_see_them(client_for, school_leader, reviewer, review):
    assert "Rhys Reviewer" not in text_of(client_for(school_leader).get(STAFF))
