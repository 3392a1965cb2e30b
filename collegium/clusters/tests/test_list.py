from django.urls import reverse

from collegium.clusters.models import Membership, Signature
from collegium.clusters.tests.conftest import publish

URL = reverse("clusters:list")


def test_anonymous_visitor_is_asked_to_sign_in(client_for, cluster):
    response = client_for(None).get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_someone_outside_every_cluster_sees_an_explanation(client_for, outsider, cluster):
    response = client_for(outsider).get(URL)
    assert response.status_code == 200
    assert "You are not part of any cluster yet" in response.text
    assert "Testtown Cluster" not in response.text


def test_school_leader_sees_their_cluster_and_how_many_have_signed(
    client_for, school_leader, cluster, school_a, other_cluster
):
    mou = publish(cluster)
    Signature.objects.create(mou=mou, school=school_a, signed_by=school_leader)
    response = client_for(school_leader).get(URL)
    assert response.status_code == 200
    assert "Testtown Cluster" in response.text
    assert "1 of 3 schools has signed the current MoU (version 1)" in response.text
    assert "Riverside Cluster" not in response.text
    assert "Create a cluster" not in response.text


def test_signatures_of_an_earlier_version_do_not_count(client_for, governor, cluster, school_a):
    Signature.objects.create(mou=publish(cluster, 1), school=school_a, signed_by=governor)
    publish(cluster, 2)
    response = client_for(governor).get(URL)
    assert "0 of 3 schools have signed the current MoU (version 2)" in response.text


def test_coordinator_sees_only_their_cluster(client_for, coordinator, other_cluster):
    response = client_for(coordinator).get(URL)
    assert "Testtown Cluster" in response.text
    assert "Riverside Cluster" not in response.text


def test_moderator_and_network_admin_see_every_cluster(
    client_for, moderator, network_admin, cluster, other_cluster
):
    for person in (moderator, network_admin):
        response = client_for(person).get(URL)
        assert "Testtown Cluster" in response.text
        assert "Riverside Cluster" in response.text
    assert "Create a cluster" in client_for(network_admin).get(URL).text


def test_school_leader_sees_invitations_waiting_for_an_answer(
    client_for, school_leader, school_a, other_cluster
):
    invitation = Membership.objects.create(cluster=other_cluster, school=school_a)
    response = client_for(school_leader).get(URL)
    assert "Invitations waiting for your answer" in response.text
    assert "Ash Primary School has been invited to join Riverside Cluster" in response.text
    assert reverse("clusters:respond", args=[invitation.pk]) in response.text
    assert "You are not part of any cluster yet" not in response.text
