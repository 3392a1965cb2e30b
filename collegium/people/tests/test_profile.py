"""people:profile, the public transparency profile (P2): nothing private."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from collegium.people.models import (
    Accreditation,
    Blackout,
    CapacityApproval,
    DeclaredConflict,
    PastReview,
    TrainingRecord,
)
from collegium.people.tests.helpers import text_of


@pytest.fixture
def full_entry(profile, moderator, school_a, school_c, school_leader):
    TrainingRecord.objects.create(
        reviewer=profile,
        title="Peer review foundations",
        provider="Challenge Partners",
        completed_on=date(2024, 10, 3),
    )
    TrainingRecord.objects.create(
        reviewer=profile,
        kind="shadowing",
        title="Shadowed a review at Elm School",
        provider="Testtown Cluster",
        completed_on=date(2025, 2, 10),
    )
    Accreditation.objects.create(
        reviewer=profile,
        granted_on=date(2022, 1, 10),
        expires_on=date(2024, 1, 10),
        granted_by=moderator,
    )
    Accreditation.objects.create(
        reviewer=profile,
        granted_on=date(2024, 2, 1),
        expires_on=date(2026, 2, 1),
        granted_by=moderator,
        revoked_on=date(2024, 6, 1),
        revoked_by=moderator,
        revocation_reason="Confidential concern",
    )
    PastReview.objects.create(reviewer=profile, school=school_a, reviewed_on=date(2025, 3, 1))
    PastReview.objects.create(
        reviewer=profile, school=school_c, reviewed_on=date(2025, 5, 1), as_lead=True
    )
    Blackout.objects.create(
        reviewer=profile,
        starts_on=date.today(),
        ends_on=date.today() + timedelta(days=3),
        reason="Ofsted visit at home",
    )
    DeclaredConflict.objects.create(reviewer=profile, school=school_a, reason="Brother-in-law")
    CapacityApproval.objects.create(
        reviewer=profile, academic_year=2025, days=17, approved_by=school_leader
    )
    return profile


@pytest.mark.django_db
def test_anyone_can_read_experience_training_and_accreditation(client_for, full_entry):
    response = client_for(None).get(reverse("people:profile", args=[full_entry.pk]))
    assert response.status_code == 200
    text = text_of(response)
    assert "Rhys Reviewer" in text and "Deputy headteacher" in text
    assert "Years in senior leadership 6" in text
    assert "Phases Primary" in text and "Subjects Mathematics" in text
    assert "Peer review foundations Training module Challenge Partners 3 October 2024" in text
    assert "Shadowing a review" in text
    assert "10 January 2022 10 January 2024 –" in text  # expired
    assert "1 February 2024 1 February 2026 1 June 2024" in text  # revoked
    assert "Revoked on 1 June 2024" in text
    assert "Reviews done 2 (1 as lead reviewer)" in text


@pytest.mark.django_db
def test_the_profile_shows_nothing_private(client_for, full_entry, outsider):
    text = text_of(client_for(outsider).get(reverse("people:profile", args=[full_entry.pk])))
    for private in ("Ofsted visit", "Brother-in-law", "17", "Confidential concern", "Mo Moderator"):
        assert private not in text
    assert "Full register entry" not in text


@pytest.mark.django_db
def test_the_reviewer_is_offered_their_full_record(client_for, profile, reviewer):
    text = text_of(client_for(reviewer).get(reverse("people:profile", args=[profile.pk])))
    assert "Full register entry" in text


@pytest.mark.django_db
def test_an_unknown_reviewer_is_not_found(client_for, outsider):
    assert client_for(outsider).get(reverse("people:profile", args=[9999])).status_code == 404
    assert client_for(None).get("/reviewers/not-a-number/").status_code == 404
