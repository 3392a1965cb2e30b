"""Issue 15: a school invited to a cluster with no leader on Collegium cannot answer; the network
admins are told to invite its head. A school whose head is on Collegium needs no such email."""

from django.core import mail
from django.urls import reverse

from collegium.clusters.models import Membership
from collegium.clusters.services import invite_school
from collegium.notifications.models import Notification
from collegium.people.models import Role
from conftest import grant, make_school, make_user

SITE = "http://testserver"
EVENT = "head-to-invite"


def test_the_network_admins_are_told_to_invite_the_head_of_a_school_nobody_can_answer_for(
    coordinator, network_admin, cluster, school_d, outsider, django_capture_on_commit_callbacks
):
    retired = grant(make_user("Ray Retired"), Role.NETWORK_ADMIN)
    retired.is_active = False
    retired.save()
    with django_capture_on_commit_callbacks(execute=True):
        membership = invite_school(coordinator, cluster, school_d)
    link = f"{SITE}{reverse('people:invite-head', args=[cluster.pk, membership.pk])}"
    notification = Notification.objects.get(event=EVENT)
    assert notification.recipient == network_admin
    assert notification.subject == "Invite the head of Damson School"
    assert notification.link == link
    assert "nobody at the school is on Collegium" in notification.text_body
    (email,) = [m for m in mail.outbox if m.to == [network_admin.email]]
    assert link in email.body
    assert not Notification.objects.filter(recipient__in=[coordinator, outsider, retired]).exists()


def test_no_admin_is_told_when_the_school_has_a_leader(coordinator, network_admin, cluster, la):
    school = make_school(la, 930002, "Elm School")
    grant(make_user("Eve Head"), Role.SCHOOL_LEADER, school=school)
    invite_school(coordinator, cluster, school)
    assert Notification.objects.filter(event="school-invited").exists()
    assert not Notification.objects.filter(event=EVENT).exists()


def test_someone_who_may_not_invite_is_refused_and_nobody_is_told(
    client_for, outsider, network_admin, cluster, school_d
):
    response = client_for(outsider).post(
        reverse("clusters:invite", args=[cluster.pk]), {"urn": str(school_d.pk)}
    )
    assert response.status_code in (403, 404)
    assert not Membership.objects.filter(school=school_d).exists()
    assert not Notification.objects.filter(event=EVENT).exists()


def test_the_admin_who_invited_the_school_is_not_told_as_they_invite_the_head_there_and_then(
    network_admin, cluster, school_d
):
    other = grant(make_user("Olu Otheradmin"), Role.NETWORK_ADMIN)
    invite_school(network_admin, cluster, school_d)
    told = Notification.objects.filter(event=EVENT).values_list("recipient", flat=True)
    assert list(told) == [other.pk]
