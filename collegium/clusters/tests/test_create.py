from django.urls import reverse

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.clusters.models import Cluster, Membership
from collegium.clusters.tests.conftest import extra_schools
from collegium.people.models import Role, RoleGrant

URL = reverse("clusters:create")


def form(urns: list[int], email: str = "cora.coordinator@example.org") -> dict[str, str]:
    return {
        "name": "Northfield Cluster",
        "locality": "Northfield",
        "urns": "\n".join(str(urn) for urn in urns),
        "coordinator_email": email,
    }


def test_network_admin_creates_a_cluster_with_invited_schools(
    client_for, network_admin, outsider, la
):
    schools = extra_schools(la, 3)
    response = client_for(network_admin).post(
        URL, form([s.urn for s in schools], "olive.outsider@example.org")
    )
    cluster = Cluster.objects.get(name="Northfield Cluster")
    assert response.status_code == 302
    assert response["Location"] == reverse("clusters:detail", args=[cluster.pk])
    assert cluster.locality == "Northfield"
    assert set(cluster.memberships.values_list("school_id", "status")) == {
        (s.urn, Membership.Status.INVITED) for s in schools
    }
    assert RoleGrant.objects.filter(
        user=outsider, role=Role.CLUSTER_COORDINATOR, cluster=cluster
    ).exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {verbs.CLUSTER_CREATED, verbs.SCHOOL_INVITED, verbs.ROLE_GRANTED} <= actions


def test_form_is_shown_to_network_admin(client_for, network_admin):
    response = client_for(network_admin).get(URL)
    assert response.status_code == 200
    assert "Founding schools" in response.text


def test_others_are_refused_and_nothing_is_created(
    client_for, outsider, coordinator, school_leader, moderator, la
):
    urns = [s.urn for s in extra_schools(la, 3)]
    for person in (outsider, coordinator, school_leader, moderator):
        assert client_for(person).get(URL).status_code == 403
        assert client_for(person).post(URL, form(urns)).status_code == 403
    assert not Cluster.objects.filter(name="Northfield Cluster").exists()


def test_anonymous_visitor_is_asked_to_sign_in(client_for, la):
    response = client_for(None).post(URL, form([s.urn for s in extra_schools(la, 3)]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert not Cluster.objects.filter(name="Northfield Cluster").exists()


def refused(client, data) -> str:
    before = (Cluster.objects.count(), Membership.objects.count(), RoleGrant.objects.count())
    response = client.post(URL, data)
    assert response.status_code == 400
    assert before == (
        Cluster.objects.count(),
        Membership.objects.count(),
        RoleGrant.objects.count(),
    )
    return response.text


def test_unknown_urn_is_refused(client_for, network_admin, coordinator, la):
    urns = [s.urn for s in extra_schools(la, 2)] + [123456]
    assert "There is no school with URN 123456 in the register" in refused(
        client_for(network_admin), form(urns)
    )


def test_school_in_another_cluster_is_refused_naming_school_and_cluster(
    client_for, network_admin, coordinator, school_a, la
):
    urns = [s.urn for s in extra_schools(la, 2)] + [school_a.urn]
    text = refused(client_for(network_admin), form(urns))
    assert "Ash Primary School (URN 900001) is already in Testtown Cluster" in text


def test_school_invited_to_another_cluster_is_refused(
    client_for, network_admin, coordinator, cluster, school_d, la
):
    Membership.objects.create(cluster=cluster, school=school_d)
    urns = [s.urn for s in extra_schools(la, 2)] + [school_d.urn]
    text = refused(client_for(network_admin), form(urns))
    assert "Damson School (URN 900004) is already invited to Testtown Cluster" in text


def test_too_many_or_too_few_schools_are_refused(client_for, network_admin, coordinator, la):
    urns = [s.urn for s in extra_schools(la, 8)]
    client = client_for(network_admin)
    assert "Enter between 3 and 7 schools – you entered 8" in refused(client, form(urns))
    assert "Enter between 3 and 7 schools – you entered 2" in refused(client, form(urns[:2]))


def test_names_not_on_the_register_are_refused(client_for, network_admin, coordinator):
    text = refused(client_for(network_admin), form([]) | {"urns": "900001\nBrooke"})
    assert (
        "No school called ‘Brooke’ is on the register – check the spelling or search by URN" in text
    )


def test_coordinator_must_have_an_account(client_for, network_admin, la):
    urns = [s.urn for s in extra_schools(la, 3)]
    text = refused(client_for(network_admin), form(urns, "nobody@example.org"))
    assert "There is no Collegium account for nobody@example.org" in text


def test_cluster_names_are_unique(client_for, network_admin, coordinator, cluster, la):
    urns = [s.urn for s in extra_schools(la, 3)]
    text = refused(client_for(network_admin), form(urns) | {"name": "testtown cluster"})
    assert "There is already a cluster called testtown cluster" in text


def test_digits_that_are_not_ascii_are_refused(client_for, network_admin, coordinator):
    text = refused(client_for(network_admin), form([]) | {"urns": "1 2 ³"})
    assert "No school called ‘1 2 ³’ is on the register" in text
