"""people:register and people:my-record: a signed-in person creates their own entry."""

import pytest
from django.urls import reverse

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.people.models import ReviewerProfile
from collegium.people.tests.helpers import is_sign_in_redirect, register_state, text_of

URL = reverse("people:register")


def valid(**changes):
    data = {
        "home_school": "900001",
        "job_title": "Assistant headteacher",
        "phases": ["primary", "nursery"],
        "subjects": ["Science", "Computing"],
        "years_in_senior_leadership": "4",
    }
    return data | changes


@pytest.mark.django_db
def test_a_signed_in_person_registers(client_for, outsider, school_a):
    client = client_for(outsider)
    assert "Register as a reviewer" in text_of(client.get(URL))
    response = client.post(URL, valid(), follow=True)
    profile = ReviewerProfile.objects.get(user=outsider)
    assert profile.home_school == school_a
    assert profile.phases == ["primary", "nursery"]
    assert profile.subjects == ["Science", "Computing"]
    assert profile.years_in_senior_leadership == 4
    assert response.redirect_chain[-1][0] == reverse("people:record", args=[profile.pk])
    assert "You are registered as a reviewer." in text_of(response)
    assert AuditEvent.objects.filter(action=verbs.REVIEWER_REGISTERED).count() == 1
    assert client.get(reverse("people:record", args=[profile.pk])).status_code == 200


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in_and_nothing_is_created(client_for, school_a):
    before = register_state()
    assert is_sign_in_redirect(client_for(None).get(URL))
    assert is_sign_in_redirect(client_for(None).post(URL, valid()))
    assert register_state() == before


@pytest.mark.django_db
def test_a_second_registration_goes_to_their_record(client_for, reviewer, profile, school_a):
    before = register_state()
    response = client_for(reviewer).post(URL, valid(), follow=True)
    assert response.redirect_chain[-1][0] == reverse("people:record", args=[profile.pk])
    assert "You are already registered as a reviewer." in text_of(response)
    assert register_state() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"home_school": "999999"}, "There is no school with URN 999999 in the register"),
        ({"home_school": "abc"}, "Enter the URN using numbers only, like 100000"),
        ({"home_school": ""}, "Enter the URN of the school that employs the reviewer"),
        ({"job_title": ""}, "Enter the job title"),
        ({"phases": []}, "Select at least one phase"),
        (
            {"years_in_senior_leadership": "2.5"},
            "The years in senior leadership must be a whole number between 0 and 60",
        ),
        ({"subjects": ["Astrology"]}, "Select a valid choice"),
    ],
)
def test_invalid_input_shows_the_message_and_creates_nothing(
    client_for, outsider, school_a, changes, message
):
    before = register_state()
    response = client_for(outsider).post(URL, valid(**changes))
    assert response.status_code == 400
    assert message in text_of(response)
    assert register_state() == before


@pytest.mark.django_db
def test_my_record_leads_to_the_record_or_to_register(client_for, reviewer, profile, outsider):
    url = reverse("people:my-record")
    response = client_for(reviewer).get(url)
    assert response["Location"] == reverse("people:record", args=[profile.pk])
    assert client_for(outsider).get(url)["Location"] == URL
    assert is_sign_in_redirect(client_for(None).get(url))
