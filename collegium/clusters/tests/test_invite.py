from html import unescape

from django.urls import reverse

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.clusters.models import Membership
from collegium.clusters.tests.conftest import extra_schools


def url(cluster) -> str:
    return reverse("clusters:invite", args=[cluster.pk])


def test_coordinator_invites_a_school(client_for, coordinator, cluster, school_d):
    client = client_for(coordinator)
    response = client.post(url(cluster), {"urn": str(school_d.urn)})
    assert response.status_code == 302
    invited = Membership.objects.get(cluster=cluster, school=school_d)
    assert invited.status == Membership.Status.INVITED
    assert AuditEvent.objects.filter(
        action=verbs.SCHOOL_INVITED, object_id=str(invited.pk)
    ).exists()
    page = client.get(response["Location"]).text
    assert "Damson School has been invited to join Testtown Cluster" in page


def test_network_admin_invites_a_school(client_for, network_admin, cluster, school_d):
    assert client_for(network_admin).get(url(cluster)).status_code == 200
    client_for(network_admin).post(url(cluster), {"urn": str(school_d.urn)})
    assert Membership.objects.filter(cluster=cluster, school=school_d).exists()


def test_read_only_roles_are_refused_and_nothing_changes(
    client_for, governor, school_leader, moderator, cluster, school_d
):
    for person in (governor, school_leader, moderator):
        assert client_for(person).post(url(cluster), {"urn": str(school_d.urn)}).status_code == 403
    assert not Membership.objects.filter(school=school_d).exists()


def test_outsider_gets_not_found(client_for, outsider, coordinator, other_cluster, school_c):
    for person in (outsider, coordinator):  # Cora coordinates Testtown, not Riverside
        assert client_for(person).post(url(other_cluster), {"urn": "900003"}).status_code == 404
    assert not Membership.objects.filter(cluster=other_cluster, school=school_c).exists()


def test_anonymous_visitor_is_asked_to_sign_in(client_for, cluster, school_d):
    response = client_for(None).post(url(cluster), {"urn": str(school_d.urn)})
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert not Membership.objects.filter(school=school_d).exists()


def refused(client, cluster, urn: str) -> str:
    before = list(Membership.objects.values_list("pk", "status"))
    response = client.post(url(cluster), {"urn": urn})
    assert response.status_code == 400
    assert list(Membership.objects.values_list("pk", "status")) == before
    return unescape(response.text)


def test_eighth_school_is_refused(client_for, coordinator, cluster, la):
    schools = extra_schools(la, 5)
    for school in schools[:4]:
        Membership.objects.create(cluster=cluster, school=school)
    text = refused(client_for(coordinator), cluster, str(schools[4].urn))
    assert "A cluster can have at most 7 schools. Remove a school before inviting another." in text


def test_school_in_another_cluster_is_refused(client_for, coordinator, cluster, other_cluster):
    text = refused(client_for(coordinator), cluster, "900004")
    assert "Damson School (URN 900004) is already in Riverside Cluster" in text


def test_unknown_or_malformed_urn_is_refused(client_for, coordinator, cluster):
    client = client_for(coordinator)
    assert "There is no school with URN 123456 in the register" in refused(
        client, cluster, "123456"
    )
    assert "No school called ‘Brooke’ is on the register" in refused(client, cluster, "Brooke")
    assert "Enter the school's name, town or URN" in refused(client, cluster, "")


def test_digits_that_are_not_ascii_are_refused(client_for, coordinator, cluster):
    text = refused(client_for(coordinator), cluster, "²")
    assert "No school called ‘²’ is on the register" in text
