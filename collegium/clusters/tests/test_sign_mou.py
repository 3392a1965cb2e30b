from html import unescape

from django.urls import reverse

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.clusters.models import Membership, Signature
from collegium.clusters.tests.conftest import membership, signed_meanwhile
from collegium.people.models import Role, RoleGrant


def url(cluster) -> str:
    return reverse("clusters:sign-mou", args=[cluster.pk])


def test_leader_signs_the_current_version_for_their_school(
    client_for, school_leader, cluster, mou, school_a
):
    client = client_for(school_leader)
    page = client.get(url(cluster)).text
    assert "on behalf of Ash Primary School" in page
    place = membership(cluster, school_a)
    response = client.post(url(cluster), {"membership": place.pk})
    assert response.status_code == 302
    signature = Signature.objects.get(school=school_a)
    assert signature.mou == mou
    assert signature.signed_by == school_leader
    event = AuditEvent.objects.get(action=verbs.MOU_SIGNED)
    assert event.after == {"signed_version": 1}
    assert (
        "You have signed version 1 for Ash Primary School" in client.get(response["Location"]).text
    )


def test_leader_of_two_member_schools_picks_which(
    client_for, school_leader, cluster, mou, school_b
):
    RoleGrant.objects.create(user=school_leader, role=Role.SCHOOL_LEADER, school=school_b)
    client = client_for(school_leader)
    assert "Which school are you signing for?" in client.get(url(cluster)).text
    response = client.post(url(cluster), {})
    assert response.status_code == 400
    assert "Choose the school you are signing for" in response.text
    assert not Signature.objects.exists()
    client.post(url(cluster), {"membership": membership(cluster, school_b).pk})
    assert list(Signature.objects.values_list("school_id", flat=True)) == [school_b.urn]


def test_signing_twice_is_refused_politely(client_for, school_leader, cluster, mou, school_a):
    client = client_for(school_leader)
    place = membership(cluster, school_a)
    client.post(url(cluster), {"membership": place.pk})
    assert "Ash Primary School signed version 1 on" in client.get(url(cluster)).text
    response = client.post(url(cluster), {"membership": place.pk})
    assert response.status_code == 400
    assert "Ash Primary School has already signed version 1 of the memorandum" in unescape(
        response.text
    )
    assert Signature.objects.count() == 1


def test_nothing_to_sign_before_a_memorandum_is_published(
    client_for, school_leader, cluster, school_a
):
    client = client_for(school_leader)
    assert "There is no memorandum to sign yet" in client.get(url(cluster)).text
    response = client.post(url(cluster), {"membership": membership(cluster, school_a).pk})
    assert response.status_code == 400
    assert not Signature.objects.exists()


def test_people_who_are_not_a_member_school_leader_are_refused(
    client_for, governor, coordinator, network_admin, moderator, cluster, mou, school_a
):
    place = membership(cluster, school_a)
    for person in (governor, coordinator, network_admin, moderator):
        assert client_for(person).post(url(cluster), {"membership": place.pk}).status_code == 403
    assert not Signature.objects.exists()


def test_outsiders_and_invited_schools_get_not_found(
    client_for, outsider, school_leader, other_cluster, school_a
):
    invited = Membership.objects.create(cluster=other_cluster, school=school_a)
    for person in (outsider, school_leader):
        response = client_for(person).post(url(other_cluster), {"membership": invited.pk})
        assert response.status_code == 404
    assert not Signature.objects.exists()


def test_anonymous_visitor_is_asked_to_sign_in(client_for, cluster, mou, school_a):
    response = client_for(None).post(url(cluster), {"membership": membership(cluster, school_a).pk})
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert not Signature.objects.exists()


def test_a_double_click_on_sign_is_refused_politely(
    monkeypatch, client_for, school_leader, cluster, mou, school_a
):
    signed_meanwhile(monkeypatch, school_leader, mou, school_a)  # the first click's request
    response = client_for(school_leader).post(
        url(cluster), {"membership": membership(cluster, school_a).pk}
    )
    assert response.status_code == 400
    assert "Ash Primary School has already signed version 1 of the memorandum" in unescape(
        response.text
    )
    # (the other request's signature is made inside this transaction here, so it rolls back too)
    assert not AuditEvent.objects.filter(action=verbs.MOU_SIGNED).exists()
