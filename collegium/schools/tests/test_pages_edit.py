from django.urls import reverse

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.schools.models import School


def url(school) -> str:
    return reverse("schools:edit", args=[school.urn])


def trust_of(school) -> str:
    return School.objects.get(pk=school.pk).trust_name


def test_network_admin_corrects_the_trust_name(client_for, network_admin, school_a):
    client = client_for(network_admin)
    assert 'value="Oak Learning Trust"' in client.get(url(school_a)).text
    response = client.post(url(school_a), {"trust_name": "  Willow Trust "})
    assert response["Location"] == reverse("schools:detail", args=[school_a.urn])
    assert trust_of(school_a) == "Willow Trust"
    event = AuditEvent.objects.get(action=verbs.SCHOOL_DETAILS_CHANGED)
    assert (event.before, event.after) == (
        {"trust_name": "Oak Learning Trust"},
        {"trust_name": "Willow Trust"},
    )
    assert (
        "The details of Ash Primary School have been saved" in client.get(response["Location"]).text
    )


def test_saving_without_a_change_records_nothing(client_for, network_admin, school_a):
    client_for(network_admin).post(url(school_a), {"trust_name": "Oak Learning Trust"})
    assert not AuditEvent.objects.exists()


def test_others_are_refused_and_nothing_changes(
    client_for, school_leader, governor, moderator, outsider, school_a
):
    for person in (school_leader, governor, moderator, outsider):
        assert client_for(person).get(url(school_a)).status_code == 403
        assert client_for(person).post(url(school_a), {"trust_name": "X"}).status_code == 403
    assert trust_of(school_a) == "Oak Learning Trust"


def test_anonymous_visitor_is_asked_to_sign_in(client_for, school_a):
    response = client_for(None).post(url(school_a), {"trust_name": "X"})
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert trust_of(school_a) == "Oak Learning Trust"


def test_too_long_a_name_is_refused(client_for, network_admin, school_a):
    response = client_for(network_admin).post(url(school_a), {"trust_name": "T" * 201})
    assert response.status_code == 400
    assert "The trust name must be 200 characters or fewer" in response.text
    assert trust_of(school_a) == "Oak Learning Trust"
