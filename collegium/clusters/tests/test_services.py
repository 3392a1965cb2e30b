"""The rules the services keep whatever page calls them: 3–7 schools, one cluster a school,
a history that keeps every membership, signatures per version, and an audit event each time."""

import pytest
from django.core.exceptions import ValidationError

from collegium.audit import verbs
from collegium.audit.services import history_of
from collegium.clusters import services
from collegium.clusters.models import Cluster, Membership, Signature
from collegium.clusters.tests.conftest import extra_schools, membership
from collegium.people.models import Role, RoleGrant


def test_a_cluster_starts_with_three_to_seven_schools(network_admin, outsider, la):
    schools = extra_schools(la, 8)
    for count in (2, 8):
        with pytest.raises(ValidationError, match=f"between 3 and 7 schools. You chose {count}"):
            services.create_cluster(network_admin, "North", "", schools[:count], outsider)
    assert not Cluster.objects.exists()
    cluster = services.create_cluster(network_admin, "North", "", schools[:7], outsider)
    assert cluster.memberships.filter(status=Membership.Status.INVITED).count() == 7
    assert RoleGrant.objects.filter(user=outsider, role=Role.CLUSTER_COORDINATOR).count() == 1


def test_a_school_already_placed_stops_the_whole_cluster(
    network_admin, outsider, cluster, school_a, la
):
    schools = [*extra_schools(la, 2), school_a]
    with pytest.raises(ValidationError, match="Ash Primary School .* is already in Testtown"):
        services.create_cluster(network_admin, "North", "", schools, outsider)
    assert Cluster.objects.count() == 1
    assert not Membership.objects.filter(school__in=schools[:2]).exists()


def test_invited_schools_count_towards_the_seven(coordinator, cluster, la):
    schools = extra_schools(la, 5)
    for school in schools[:4]:
        services.invite_school(coordinator, cluster, school)
    with pytest.raises(ValidationError, match="at most 7 schools"):
        services.invite_school(coordinator, cluster, schools[4])
    services.remove_school(coordinator, membership(cluster, schools[0]))
    services.invite_school(coordinator, cluster, schools[4])
    assert cluster.memberships.filter(status__in=Membership.CURRENT).count() == 7


def test_a_cluster_may_drop_below_three_members(coordinator, cluster, school_b, school_c):
    services.remove_school(coordinator, membership(cluster, school_b))
    services.remove_school(coordinator, membership(cluster, school_c))
    assert cluster.memberships.filter(status=Membership.Status.MEMBER).count() == 1


def test_history_keeps_every_membership_and_every_change(
    coordinator, school_leader, cluster, other_cluster, school_a
):
    services.remove_school(coordinator, membership(cluster, school_a))
    moved = services.invite_school(coordinator, other_cluster, school_a)
    services.respond_to_invitation(school_leader, moved, accept=False)
    again = services.invite_school(coordinator, other_cluster, school_a)
    services.respond_to_invitation(school_leader, again, accept=True)
    rows = list(Membership.objects.filter(school=school_a).order_by("pk"))
    assert [m.status for m in rows] == ["left", "declined", "member"]
    assert rows[0].ended_at and rows[1].ended_at and rows[2].joined_at
    assert [e.action for e in history_of(cluster)] == [verbs.SCHOOL_REMOVED]
    assert [e.action for e in history_of(other_cluster)] == [
        verbs.INVITATION_ACCEPTED,
        verbs.SCHOOL_INVITED,
        verbs.INVITATION_DECLINED,
        verbs.SCHOOL_INVITED,
    ]
    removal = history_of(school_a).get(action=verbs.SCHOOL_REMOVED)
    assert (removal.before or {}).get("status") == "member"
    assert (removal.after or {}).get("status") == "left"


def test_answered_or_ended_places_cannot_change_again(
    coordinator, school_leader, cluster, school_a
):
    place = membership(cluster, school_a)
    with pytest.raises(ValidationError, match="already been answered"):
        services.respond_to_invitation(school_leader, place, accept=True)
    services.remove_school(coordinator, place)
    with pytest.raises(ValidationError, match="no longer in this cluster"):
        services.remove_school(coordinator, place)


def test_versions_count_up_and_signatures_belong_to_one_version(
    coordinator, school_leader, cluster, school_a
):
    first = services.publish_mou(coordinator, cluster, "Protocols", "Data", "Support")
    services.sign_mou(school_leader, membership(cluster, school_a))
    with pytest.raises(ValidationError, match="already signed version 1"):
        services.sign_mou(school_leader, membership(cluster, school_a))
    second = services.publish_mou(coordinator, cluster, "Protocols v2", "Data", "Support")
    assert (first.version, second.version) == (1, 2)
    services.sign_mou(school_leader, membership(cluster, school_a))
    assert set(Signature.objects.values_list("mou__version", flat=True)) == {1, 2}
    signed = history_of(cluster).filter(action=verbs.MOU_SIGNED)[0]
    assert (signed.before, signed.after) == ({"signed_version": 1}, {"signed_version": 2})
    published = history_of(cluster).filter(action=verbs.MOU_PUBLISHED)[0]
    assert (published.before or {}).get("review_protocols") == "Protocols"
    assert (published.after or {}).get("review_protocols") == "Protocols v2"


def test_only_members_sign(school_leader, other_cluster, school_a, network_admin):
    services.publish_mou(network_admin, other_cluster, "Protocols", "Data", "Support")
    invited = Membership.objects.create(cluster=other_cluster, school=school_a)
    with pytest.raises(ValidationError, match="Only member schools can sign"):
        services.sign_mou(school_leader, invited)
    assert not Signature.objects.exists()
