from html import unescape

import pytest
from django.urls import reverse

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.clusters.models import Membership
from collegium.clusters.tests.conftest import publish
from collegium.people.models import Role
from collegium.schools.models import School
from conftest import grant, make_school, make_user


@pytest.fixture
def elm(la) -> School:
    return make_school(la, 900005, "Elm Primary School")


@pytest.fixture
def invitation(elm, other_cluster) -> Membership:
    return Membership.objects.create(cluster=other_cluster, school=elm)


@pytest.fixture
def elm_leader(elm) -> User:
    return grant(make_user("Eli Leader"), Role.SCHOOL_LEADER, school=elm)


def url(invitation) -> str:
    return reverse("clusters:respond", args=[invitation.pk])


def test_leader_sees_the_cluster_before_answering(client_for, elm_leader, invitation):
    text = client_for(elm_leader).get(url(invitation)).text
    assert "Invitation to join Riverside Cluster" in text
    assert "Damson School" in text  # the school already in the cluster


def test_leader_accepts_and_the_school_becomes_a_member(client_for, elm_leader, invitation):
    client = client_for(elm_leader)
    response = client.post(url(invitation), {"answer": "accept"})
    assert response["Location"] == reverse("clusters:detail", args=[invitation.cluster_id])
    invitation.refresh_from_db()
    assert invitation.status == Membership.Status.MEMBER
    assert invitation.joined_at is not None
    assert AuditEvent.objects.filter(action=verbs.INVITATION_ACCEPTED).exists()
    page = client.get(response["Location"]).text
    assert "Elm Primary School is now a member of Riverside Cluster" in page


def test_leader_declines(client_for, elm_leader, invitation):
    response = client_for(elm_leader).post(url(invitation), {"answer": "decline"})
    assert response["Location"] == reverse("clusters:list")
    invitation.refresh_from_db()
    assert invitation.status == Membership.Status.DECLINED
    assert invitation.ended_at is not None
    assert invitation.joined_at is None


def test_an_answer_must_be_chosen(client_for, elm_leader, invitation):
    response = client_for(elm_leader).post(url(invitation), {})
    assert response.status_code == 400
    assert "Choose whether your school will join the cluster" in response.text
    invitation.refresh_from_db()
    assert invitation.status == Membership.Status.INVITED


def test_answering_twice_is_refused(client_for, elm_leader, invitation):
    client = client_for(elm_leader)
    client.post(url(invitation), {"answer": "decline"})
    response = client.post(url(invitation), {"answer": "accept"})
    assert response.status_code == 400
    assert "This invitation has already been answered or withdrawn" in unescape(response.text)
    invitation.refresh_from_db()
    assert invitation.status == Membership.Status.DECLINED


def test_only_the_invited_elm_leader_may_answer(
    client_for, governor, outsider, coordinator, network_admin, invitation
):
    for person in (governor, outsider, coordinator, network_admin):
        assert client_for(person).post(url(invitation), {"answer": "accept"}).status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == Membership.Status.INVITED


def test_anonymous_visitor_is_asked_to_sign_in(client_for, invitation):
    response = client_for(None).post(url(invitation), {"answer": "accept"})
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    invitation.refresh_from_db()
    assert invitation.status == Membership.Status.INVITED


@pytest.mark.parametrize("ending", ["declined", "withdrawn", "left"])
def test_after_the_invitation_ends_the_leader_no_longer_sees_the_cluster(
    client_for, elm_leader, invitation, ending
):
    publish(invitation.cluster)
    Membership.objects.filter(pk=invitation.pk).update(status=ending)
    response = client_for(elm_leader).get(url(invitation))
    assert response.status_code == 200
    text = unescape(response.text)
    assert "This invitation has already been answered or withdrawn" in text
    assert "Damson School" not in text  # no member list
    assert "Memorandum of understanding" not in text
    assert "each school is reviewed once a year" not in text
    assert "Send your answer" not in text


def test_a_member_school_leader_still_sees_the_cluster_on_an_answered_invitation(
    client_for, elm_leader, invitation
):
    Membership.objects.filter(pk=invitation.pk).update(status=Membership.Status.MEMBER)
    text = unescape(client_for(elm_leader).get(url(invitation)).text)
    assert "This invitation has already been answered or withdrawn" in text
    assert "Damson School" in text
