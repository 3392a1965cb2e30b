"""people:reviewers, the public list of reviewers (P2)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from collegium.people.models import Accreditation, ReviewerProfile
from collegium.people.tests.helpers import register_state, text_of
from conftest import make_user

URL = reverse("people:reviewers")


@pytest.mark.django_db
def test_anyone_can_read_the_list(client_for, reviewer, lead_reviewer):
    response = client_for(None).get(URL)
    assert response.status_code == 200
    text = text_of(response)
    assert "2 reviewers" in text
    assert "Rhys Reviewer Beech Primary School Primary 6 No" in text
    assert "Lena Lead Cedar Academy Secondary, Primary 12 Lead reviewer" in text


@pytest.mark.django_db
def test_filter_by_phase(client_for, reviewer, lead_reviewer):
    text = text_of(client_for(None).get(URL, {"phase": "secondary"}))
    assert "Lena Lead" in text and "Rhys Reviewer" not in text
    text = text_of(client_for(None).get(URL, {"phase": "primary"}))
    assert "Lena Lead" in text and "Rhys Reviewer" in text
    text = text_of(client_for(None).get(URL, {"phase": "nursery"}))
    assert "No reviewers found" in text


@pytest.mark.django_db
def test_filter_by_lead_status(client_for, reviewer, lead_reviewer):
    text = text_of(client_for(None).get(URL, {"lead": "yes"}))
    assert "Lena Lead" in text and "Rhys Reviewer" not in text
    text = text_of(client_for(None).get(URL, {"lead": "no"}))
    assert "Rhys Reviewer" in text and "Lena Lead" not in text


@pytest.mark.django_db
def test_an_expired_or_revoked_accreditation_is_not_lead(client_for, profile, moderator):
    today = date.today()
    Accreditation.objects.create(
        reviewer=profile,
        granted_on=today - timedelta(days=800),
        expires_on=today,
        granted_by=moderator,
    )
    assert "Rhys Reviewer" not in text_of(client_for(None).get(URL, {"lead": "yes"}))


@pytest.mark.django_db
def test_the_list_is_paginated(client_for, school_b):
    for n in range(30):
        ReviewerProfile.objects.create(
            user=make_user(f"Person {n:02d}"),
            home_school=school_b,
            job_title="Head",
            phases=["primary"],
            subjects=[],
            years_in_senior_leadership=1,
        )
    first = text_of(client_for(None).get(URL))
    assert "30 reviewers, showing 1 to 25" in first
    second = text_of(client_for(None).get(URL, {"phase": "primary", "page": 2}))
    assert "showing 26 to 30" in second and "Person 29" in second and "Person 00" not in second


@pytest.mark.django_db
def test_an_unknown_filter_is_refused_and_changes_nothing(client_for, reviewer):
    before = register_state()
    response = client_for(None).get(URL, {"phase": "university"})
    assert response.status_code == 400
    assert "Choose a phase from the list" in text_of(response)
    assert register_state() == before
