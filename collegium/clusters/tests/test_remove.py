from django.urls import reverse

from collegium.clusters.models import Membership
from collegium.clusters.tests.conftest import membership


def url(cluster, place) -> str:
    return reverse("clusters:remove", args=[cluster.pk, place.pk])


def test_coordinator_removes_a_member_and_is_warned_about_the_minimum(
    client_for, coordinator, cluster, school_c
):
    place = membership(cluster, school_c)
    client = client_for(coordinator)
    assert "Remove Cedar Academy from the cluster?" in client.get(url(cluster, place)).text
    response = client.post(url(cluster, place))
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.status == Membership.Status.LEFT
    assert place.ended_at is not None
    page = client.get(response["Location"]).text
    assert "Cedar Academy has been removed from the cluster" in page
    assert "A cluster needs at least 3 member schools before reviews can be scheduled" in page


def test_network_admin_withdraws_an_invitation(client_for, network_admin, cluster, school_d):
    invited = Membership.objects.create(cluster=cluster, school=school_d)
    client_for(network_admin).post(url(cluster, invited))
    invited.refresh_from_db()
    assert invited.status == Membership.Status.WITHDRAWN
    assert invited.ended_at is not None


def test_read_only_roles_are_refused_and_nothing_changes(
    client_for, governor, school_leader, moderator, cluster, school_c
):
    place = membership(cluster, school_c)
    for person in (governor, school_leader, moderator):
        assert client_for(person).post(url(cluster, place)).status_code == 403
    place.refresh_from_db()
    assert place.status == Membership.Status.MEMBER


def test_outsider_gets_not_found(client_for, outsider, cluster, school_c):
    place = membership(cluster, school_c)
    assert client_for(outsider).post(url(cluster, place)).status_code == 404
    place.refresh_from_db()
    assert place.status == Membership.Status.MEMBER


def test_anonymous_visitor_is_asked_to_sign_in(client_for, cluster, school_c):
    place = membership(cluster, school_c)
    response = client_for(None).post(url(cluster, place))
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    place.refresh_from_db()
    assert place.status == Membership.Status.MEMBER


def test_membership_of_another_cluster_or_already_ended_is_not_found(
    client_for, network_admin, cluster, other_cluster, school_d, school_c
):
    client = client_for(network_admin)
    elsewhere = membership(other_cluster, school_d)
    assert client.post(url(cluster, elsewhere)).status_code == 404
    place = membership(cluster, school_c)
    client.post(url(cluster, place))
    assert client.post(url(cluster, place)).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.status == Membership.Status.MEMBER
