"""Publishing a memorandum of understanding asks the member schools' leaders to sign it: each is
told, with the link to the signing page; an invited school's leader and another cluster's are
not."""

from django.core import mail
from django.urls import reverse

from collegium.clusters.models import Membership
from collegium.clusters.services import publish_mou
from collegium.notifications.models import Notification
from collegium.people.models import Role
from conftest import grant, make_user

SECTIONS = {
    "review_protocols": "Reviews take two days.",
    "data_sharing": "Reports stay within the cluster.",
    "follow_up_support": "Two days of support after each review.",
}
SIGN = "Sign Testtown Cluster's memorandum of understanding"


def test_publishing_asks_each_member_head_to_sign(
    client_for,
    coordinator,
    cluster,
    school_leader,
    school_b,
    school_d,
    other_cluster,
    governor,
    django_capture_on_commit_callbacks,
):
    head_b = grant(make_user("Bea Head"), Role.SCHOOL_LEADER, school=school_b)
    head_d = grant(make_user("Dan Head"), Role.SCHOOL_LEADER, school=school_d)  # other cluster
    url = reverse("clusters:publish-mou", args=[cluster.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(coordinator).post(url, SECTIONS).status_code == 302
    link = f"http://testserver{reverse('clusters:sign-mou', args=[cluster.pk])}"
    for head in (school_leader, head_b):
        notification = Notification.objects.get(event="mou-published", recipient=head)
        assert notification.subject == SIGN
        assert notification.link == link
        assert "Version 1 of Testtown Cluster's" in notification.text_body
        (email,) = [m for m in mail.outbox if m.to == [head.email]]
        assert link in email.body
    told = Notification.objects.filter(event="mou-published")
    assert not told.filter(recipient__in=[head_d, governor, coordinator]).exists()


def test_a_new_version_says_earlier_signatures_do_not_count(coordinator, cluster, school_leader):
    publish_mou(coordinator, cluster, **SECTIONS)
    publish_mou(coordinator, cluster, **SECTIONS)
    latest = Notification.objects.filter(recipient=school_leader).latest("pk")
    assert "Version 2" in latest.text_body
    assert "earlier version does not count" in latest.text_body


def test_an_invited_school_is_not_asked_to_sign(coordinator, cluster, school_d):
    Membership.objects.create(cluster=cluster, school=school_d, status=Membership.Status.INVITED)
    head_d = grant(make_user("Dan Head"), Role.SCHOOL_LEADER, school=school_d)
    publish_mou(coordinator, cluster, **SECTIONS)
    assert not Notification.objects.filter(recipient=head_d).exists()


def test_a_head_may_not_publish_and_nobody_is_told(client_for, school_leader, cluster):
    url = reverse("clusters:publish-mou", args=[cluster.pk])
    assert client_for(school_leader).post(url, SECTIONS).status_code == 403
    assert not Notification.objects.exists()
