from collegium.clusters import selectors
from collegium.clusters.models import Membership, Signature
from collegium.clusters.tests.conftest import membership, publish


def test_nobody_has_signed_before_a_memorandum_exists(cluster, school_a, school_b, school_c):
    assert not selectors.has_signed_current_mou(school_a, cluster)
    assert selectors.schools_not_signed(cluster) == [school_a, school_b, school_c]


def test_signing_counts_only_for_the_current_version(
    school_leader, cluster, school_a, school_b, school_c
):
    Signature.objects.create(mou=publish(cluster, 1), school=school_a, signed_by=school_leader)
    assert selectors.has_signed_current_mou(school_a, cluster)
    assert selectors.schools_not_signed(cluster) == [school_b, school_c]
    publish(cluster, 2)
    assert not selectors.has_signed_current_mou(school_a, cluster)
    assert selectors.schools_not_signed(cluster) == [school_a, school_b, school_c]


def test_schools_not_signed_lists_members_only(cluster, school_c, school_d, school_a, school_b):
    place = membership(cluster, school_c)
    place.status = Membership.Status.LEFT
    place.save()
    Membership.objects.create(cluster=cluster, school=school_d)
    assert selectors.schools_not_signed(cluster) == [school_a, school_b]


def test_clusters_follow_the_access_rules(
    outsider, school_leader, governor, coordinator, moderator, reviewer, cluster, other_cluster
):
    def names(user):
        return [s.cluster.name for s in selectors.clusters_for(user)]

    assert names(outsider) == [] and names(reviewer) == [] and names(None) == []
    assert names(school_leader) == names(governor) == names(coordinator) == ["Testtown Cluster"]
    assert names(moderator) == ["Riverside Cluster", "Testtown Cluster"]


def test_summary_counts_members_invited_and_signatures(school_leader, cluster, school_a, school_d):
    Membership.objects.create(cluster=cluster, school=school_d)
    Signature.objects.create(mou=publish(cluster), school=school_a, signed_by=school_leader)
    [summary] = selectors.clusters_for(school_leader)
    assert (summary.members, summary.invited, summary.mou_version, summary.signed) == (3, 1, 1, 1)
