from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from collegium.clusters.models import Membership, Signature
from collegium.clusters.tests.conftest import membership, publish


def url(cluster) -> str:
    return reverse("clusters:detail", args=[cluster.pk])


def test_leader_of_a_member_school_sees_schools_signatures_and_the_memorandum(
    client_for, school_leader, cluster, school_a, school_d
):
    publish(cluster, 1)
    current = publish(cluster, 2)
    Signature.objects.create(mou=current, school=school_a, signed_by=school_leader)
    Membership.objects.create(cluster=cluster, school=school_d)
    response = client_for(school_leader).get(url(cluster))
    text = response.text
    assert response.status_code == 200
    assert "Ash Primary School" in text and "Damson School" in text
    assert text.count("Not signed") == 2  # Beech and Cedar; Damson is only invited
    assert "Invited" in text
    assert "Version 2, published" in text
    assert "Version 2: each school is reviewed once a year." in text
    assert "Earlier versions" in text and "Version 1, published" in text
    assert "Sign the memorandum" not in text  # Ash has signed already
    assert reverse("audit:history", args=["clusters.cluster", cluster.pk]) in text
    assert "Invite a school" not in text


def test_membership_history_keeps_declined_and_left_schools_with_dates(
    client_for, coordinator, cluster, school_c, school_d
):
    ended = timezone.now() - timedelta(days=3)
    Membership.objects.create(
        cluster=cluster, school=school_d, status=Membership.Status.DECLINED, ended_at=ended
    )
    left = membership(cluster, school_c)
    left.status, left.ended_at = Membership.Status.LEFT, timezone.now()
    left.save()
    text = client_for(coordinator).get(url(cluster)).text
    assert "Membership history" in text
    assert "Declined" in text and "Left" in text
    assert f"{ended:%-d %B %Y}" in text


def test_coordinator_sees_manage_links(client_for, coordinator, cluster):
    text = client_for(coordinator).get(url(cluster)).text
    assert reverse("clusters:invite", args=[cluster.pk]) in text
    assert reverse("clusters:publish-mou", args=[cluster.pk]) in text
    assert "No memorandum has been published yet" in text


def test_leader_who_has_not_signed_is_offered_to_sign(client_for, school_leader, cluster, mou):
    text = client_for(school_leader).get(url(cluster)).text
    assert reverse("clusters:sign-mou", args=[cluster.pk]) in text


def test_governor_reads_the_page_without_manage_sign_or_history_links(
    client_for, governor, cluster, mou
):
    text = client_for(governor).get(url(cluster)).text
    assert "Testtown Cluster" in text
    assert reverse("clusters:sign-mou", args=[cluster.pk]) not in text
    assert reverse("clusters:invite", args=[cluster.pk]) not in text
    assert "Change history" not in text


def test_cluster_with_fewer_than_three_members_is_flagged(client_for, moderator, cluster, school_c):
    left = membership(cluster, school_c)
    left.status = Membership.Status.LEFT
    left.save()
    text = client_for(moderator).get(url(cluster)).text
    assert "A cluster needs at least 3 member schools before reviews can be scheduled" in text


def test_outsiders_get_not_found(client_for, outsider, reviewer, school_leader, other_cluster):
    for person in (outsider, reviewer, school_leader):
        assert client_for(person).get(url(other_cluster)).status_code == 404
    assert client_for(outsider).get(reverse("clusters:detail", args=[999])).status_code == 404


def test_anonymous_visitor_is_asked_to_sign_in(client_for, cluster):
    response = client_for(None).get(url(cluster))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_coordinator_is_offered_scheduling_and_allocation(cluster, coordinator, client_for):
    text = client_for(coordinator).get(f"/clusters/{cluster.pk}/").text
    assert "Schedule a review" in text
    assert "Allocate reviewers" in text


def test_a_member_school_leader_is_not(cluster, school_leader, client_for):
    text = client_for(school_leader).get(f"/clusters/{cluster.pk}/").text
    assert "Schedule a review" not in text
    assert "Allocate reviewers" not in text
