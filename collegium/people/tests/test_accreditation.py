"""people:accreditation: moderators grant and revoke lead-reviewer accreditation (P1)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from collegium import access
from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.people.models import Accreditation, ReviewerProfile, TrainingRecord
from collegium.people.tests.helpers import is_sign_in_redirect, register_state, text_of
from conftest import make_user

LIST = reverse("people:accreditation")
TODAY = date.today()


def grant_url(profile):
    return reverse("people:grant-accreditation", args=[profile.pk])


def revoke_url(profile):
    return reverse("people:revoke-accreditation", args=[profile.pk])


def dates(granted=TODAY, expires=TODAY + timedelta(days=730)):
    return {"granted_on": granted.isoformat(), "expires_on": expires.isoformat()}


@pytest.mark.django_db
def test_the_moderator_sees_each_reviewers_status(
    client_for, moderator, profile, lead_reviewer, home_staff, school_d
):
    TrainingRecord.objects.create(
        reviewer=profile, title="Module 1", provider="P", completed_on=date(2024, 1, 1)
    )
    Accreditation.objects.create(
        reviewer=profile,
        granted_on=date(2021, 1, 1),
        expires_on=date(2023, 1, 1),
        granted_by=moderator,
    )
    Accreditation.objects.create(
        reviewer=home_staff,
        granted_on=date(2024, 1, 1),
        expires_on=TODAY + timedelta(days=9),
        granted_by=moderator,
        revoked_on=date(2024, 5, 2),
        revoked_by=moderator,
    )
    ReviewerProfile.objects.create(
        user=make_user("Nova New"),
        home_school=school_d,
        job_title="Head",
        phases=[],
        subjects=[],
        years_in_senior_leadership=2,
    )
    text = text_of(client_for(moderator).get(LIST))
    expires = TODAY + timedelta(days=700)
    assert f"Lena Lead Cedar Academy 0 Lead reviewer until {expires:%-d %B %Y} Revoke" in text
    assert "Rhys Reviewer Beech Primary School 1 Expired on 1 January 2023 Grant" in text
    assert "Hana Homestaff Ash Primary School 0 Revoked on 2 May 2024 Grant" in text
    assert "Nova New Damson School 0 Not accredited Grant" in text


@pytest.mark.django_db
def test_the_moderator_grants_an_accreditation(client_for, moderator, profile):
    response = client_for(moderator).post(grant_url(profile), dates(), follow=True)
    assert "Rhys Reviewer is accredited as a lead reviewer." in text_of(response)
    accreditation = Accreditation.objects.get(reviewer=profile)
    assert accreditation.granted_by == moderator
    assert access.is_accredited_lead(profile)
    assert AuditEvent.objects.filter(action=verbs.ACCREDITATION_GRANTED).exists()
    public = text_of(client_for(None).get(reverse("people:reviewers"), {"lead": "yes"}))
    assert "Rhys Reviewer" in public


@pytest.mark.django_db
def test_an_expiry_before_the_grant_is_refused(client_for, moderator, profile):
    before = register_state()
    response = client_for(moderator).post(
        grant_url(profile), dates(TODAY, TODAY - timedelta(days=1))
    )
    assert response.status_code == 400
    assert "The expiry date must be after the date granted" in text_of(response)
    assert register_state() == before


@pytest.mark.django_db
def test_a_second_overlapping_accreditation_is_refused(client_for, moderator, lead_reviewer):
    before = register_state()
    profile = lead_reviewer.reviewer_profile
    response = client_for(moderator).post(
        grant_url(profile), dates(TODAY + timedelta(days=100), TODAY + timedelta(days=900))
    )
    assert response.status_code == 400
    assert "Lena Lead already holds an accreditation from" in text_of(response)
    assert register_state() == before


@pytest.mark.django_db
def test_a_new_accreditation_after_the_current_one_ends_is_allowed(
    client_for, moderator, lead_reviewer
):
    profile = lead_reviewer.reviewer_profile
    start = TODAY + timedelta(days=700)
    client_for(moderator).post(grant_url(profile), dates(start, start + timedelta(days=365)))
    assert profile.accreditations.count() == 2


@pytest.mark.django_db
def test_the_reviewer_cannot_grant_their_own_accreditation(client_for, reviewer, profile):
    before = register_state()
    assert client_for(reviewer).get(grant_url(profile)).status_code == 403
    assert client_for(reviewer).post(grant_url(profile), dates()).status_code == 403
    assert register_state() == before


@pytest.mark.django_db
def test_a_moderator_who_reviews_cannot_accredit_themselves(client_for, moderator, school_d):
    own = ReviewerProfile.objects.create(
        user=moderator,
        home_school=school_d,
        job_title="Head",
        phases=[],
        subjects=[],
        years_in_senior_leadership=9,
    )
    before = register_state()
    response = client_for(moderator).post(grant_url(own), dates())
    assert response.status_code == 400
    assert "You cannot grant your own accreditation" in text_of(response)
    assert register_state() == before


@pytest.mark.django_db
def test_the_moderator_revokes_with_a_reason(client_for, moderator, lead_reviewer):
    profile = lead_reviewer.reviewer_profile
    client = client_for(moderator)
    before = register_state()
    response = client.post(revoke_url(profile), {"reason": ""})
    assert response.status_code == 400
    assert "Enter the reason for revoking the accreditation" in text_of(response)
    assert register_state() == before
    response = client.post(revoke_url(profile), {"reason": "Moderation found bias"}, follow=True)
    assert "The accreditation of Lena Lead has been revoked." in text_of(response)
    accreditation = profile.accreditations.get()
    assert accreditation.revoked_on == TODAY and accreditation.revoked_by == moderator
    assert accreditation.revocation_reason == "Moderation found bias"
    assert not access.is_accredited_lead(profile)
    assert AuditEvent.objects.filter(action=verbs.ACCREDITATION_REVOKED).exists()
    assert client.get(revoke_url(profile)).status_code == 404  # nothing left to revoke


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["outsider", "lead_reviewer", "network_admin", "school_leader"])
def test_others_are_refused(client_for, persona, request, profile, lead_reviewer):
    client = client_for(request.getfixturevalue(persona))
    before = register_state()
    assert client.get(LIST).status_code == 403
    assert client.post(grant_url(profile), dates()).status_code == 403
    target = lead_reviewer.reviewer_profile
    assert client.post(revoke_url(target), {"reason": "x"}).status_code == 403
    assert register_state() == before


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client_for, profile):
    assert is_sign_in_redirect(client_for(None).get(LIST))
    assert is_sign_in_redirect(client_for(None).post(grant_url(profile), dates()))
    assert not Accreditation.objects.exists()
