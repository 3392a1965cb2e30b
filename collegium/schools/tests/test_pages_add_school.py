"""Adding a school the DfE files do not have (a new or independent school) by hand."""

import pytest
from django.urls import reverse

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.schools.importing.loader import known_local_authorities
from collegium.schools.models import LocalAuthority, School

URL = reverse("schools:add")
YORK = 816


def details(**changes):
    return {
        "urn": "150123",
        "name": "Heworth Independent School",
        "phase": "primary",
        "school_type": "Other independent school",
        "local_authority": str(YORK),
        "town": "York",
        "postcode": "yo31 7ab",
    } | changes


@pytest.mark.django_db
def test_a_network_admin_adds_a_school_by_hand(client_for, network_admin):
    assert known_local_authorities()[YORK] == "York"
    client = client_for(network_admin)
    assert client.get(URL).status_code == 200

    response = client.post(URL, details())

    school = School.objects.get(urn=150123)
    assert response.status_code == 302 and response.url == reverse("schools:detail", args=[150123])
    assert school.added_by_hand and school.postcode == "YO31 7AB"
    assert school.local_authority == LocalAuthority.objects.get(code=YORK)
    event = AuditEvent.objects.get(action=verbs.SCHOOL_ADDED)
    assert event.actor == network_admin and event.after
    assert event.after["name"] == "Heworth Independent School"
    page = client.get(response.url)
    assert "Added by hand: not in the DfE files yet" in page.text


@pytest.mark.django_db
def test_a_urn_already_in_the_register_is_refused(client_for, network_admin, school_a):
    response = client_for(network_admin).post(URL, details(urn=str(school_a.urn)))

    assert response.status_code == 400
    assert f"Ash Primary School already has URN {school_a.urn} in the register" in response.text
    assert School.objects.count() == 1 and not AuditEvent.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"urn": "12"}, "The URN must be 6 digits, like 150123"),
        ({"name": ""}, "Enter the school&#39;s name"),
        ({"postcode": "ZZZ"}, "Enter a real postcode, like SW1A 1AA"),
        ({"local_authority": "1"}, "Choose the local authority from the list"),
    ],
)
def test_wrong_details_are_refused(client_for, network_admin, change, message):
    response = client_for(network_admin).post(URL, details(**change))

    assert response.status_code == 400 and message in response.text
    assert not School.objects.exists()


@pytest.mark.django_db
def test_everyone_else_is_refused(client_for, outsider, school_leader):
    anonymous = client_for(None).post(URL, details())
    assert anonymous.status_code == 302 and "sign-in" in anonymous.url
    for person in (outsider, school_leader):
        assert client_for(person).get(URL).status_code == 403
        assert client_for(person).post(URL, details()).status_code == 403
    assert not School.objects.filter(urn=150123).exists()
