"""people:edit-profile: the reviewer (or a network admin) changes the profile."""

import pytest
from django.urls import reverse

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.people.models import CapacityApproval, FormerEmployment
from collegium.people.tests.helpers import (
    after_of,
    before_of,
    is_sign_in_redirect,
    register_state,
    text_of,
)


def url(profile):
    return reverse("people:edit-profile", args=[profile.pk])


def data(**changes):
    base = {
        "home_school": "900002",
        "job_title": "Headteacher",
        "phases": ["primary", "middle"],
        "subjects": ["History"],
        "years_in_senior_leadership": "7",
    }
    return base | changes


@pytest.mark.django_db
def test_the_form_shows_the_current_profile(client_for, reviewer, profile):
    page = client_for(reviewer).get(url(profile)).content.decode()
    assert 'value="900002"' in page and 'value="Deputy headteacher"' in page


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["reviewer", "network_admin"])
def test_the_reviewer_or_an_admin_saves_changes(client_for, profile, persona, request):
    response = client_for(request.getfixturevalue(persona)).post(url(profile), data())
    assert response["Location"] == reverse("people:record", args=[profile.pk])
    profile.refresh_from_db()
    assert profile.job_title == "Headteacher"
    assert profile.phases == ["primary", "middle"]
    assert profile.years_in_senior_leadership == 7
    event = AuditEvent.objects.get(action=verbs.REVIEWER_PROFILE_CHANGED)
    assert before_of(event)["job_title"] == "Deputy headteacher"
    assert after_of(event)["job_title"] == "Headteacher"


@pytest.mark.django_db
def test_moving_school_ends_the_old_heads_approval(client_for, reviewer, profile, school_c):
    approval = CapacityApproval.objects.create(
        reviewer=profile, academic_year=2025, days=10, approved_by=reviewer
    )
    client_for(reviewer).post(url(profile), data(home_school="900003"))
    profile.refresh_from_db()
    approval.refresh_from_db()
    assert profile.home_school == school_c
    assert approval.withdrawn_at is not None
    assert FormerEmployment.objects.get(reviewer=profile).school_id == 900002


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["outsider", "lead_reviewer", "moderator", "school_leader"])
def test_others_are_refused_and_nothing_changes(client_for, profile, persona, request, home_staff):
    client = client_for(request.getfixturevalue(persona))
    before = register_state()
    assert client.get(url(profile)).status_code == 403
    assert client.post(url(profile), data()).status_code == 403
    assert register_state() == before


@pytest.mark.django_db
def test_the_home_school_leader_may_read_but_not_edit(client_for, home_staff, school_leader):
    before = register_state()
    assert client_for(school_leader).post(url(home_staff), data()).status_code == 403
    assert register_state() == before


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client_for, profile):
    before = register_state()
    assert is_sign_in_redirect(client_for(None).post(url(profile), data()))
    assert register_state() == before


@pytest.mark.django_db
def test_invalid_input_changes_nothing(client_for, reviewer, profile):
    before = register_state()
    response = client_for(reviewer).post(url(profile), data(years_in_senior_leadership="-1"))
    assert response.status_code == 400
    assert "The years in senior leadership must be a whole number between 0 and 60" in text_of(
        response
    )
    response = client_for(reviewer).post(url(profile), data(home_school="123456"))
    assert "There is no school with URN 123456 in the register" in text_of(response)
    assert register_state() == before
