"""Two people (or one double click) changing the same thing at once: the second change is
refused in the user's words, never with a database error."""

import pytest
from django.core.exceptions import ValidationError

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.clusters import selectors, services
from collegium.clusters.models import Cluster, Membership, Signature
from collegium.clusters.tests.conftest import extra_schools, membership, signed_meanwhile


def test_a_stale_invitation_cannot_be_accepted_after_it_was_withdrawn(
    coordinator, school_leader, cluster, la
):
    schools = extra_schools(la, 5)
    for school in schools[:4]:
        services.invite_school(coordinator, cluster, school)
    stale = membership(cluster, schools[0])  # the page the school's head has open
    services.remove_school(coordinator, membership(cluster, schools[0]))
    services.invite_school(coordinator, cluster, schools[4])  # the freed place is taken
    with pytest.raises(ValidationError, match="already been answered or withdrawn"):
        services.respond_to_invitation(school_leader, stale, accept=True)
    assert selectors.current_memberships(cluster).count() == 7
    assert membership(cluster, schools[0]).status == Membership.Status.WITHDRAWN


def test_a_school_cannot_be_removed_twice_from_stale_pages(coordinator, cluster, school_b):
    first, second = membership(cluster, school_b), membership(cluster, school_b)
    services.remove_school(coordinator, first)
    with pytest.raises(ValidationError, match="Beech Primary School is no longer in this cluster"):
        services.remove_school(coordinator, second)
    assert AuditEvent.objects.filter(action=verbs.SCHOOL_REMOVED).count() == 1


def test_a_removed_school_cannot_sign_from_a_stale_page(
    coordinator, school_leader, cluster, mou, school_a
):
    stale = membership(cluster, school_a)
    services.remove_school(coordinator, membership(cluster, school_a))
    with pytest.raises(ValidationError, match="Ash Primary School is not a member"):
        services.sign_mou(school_leader, stale)
    assert not Signature.objects.exists()


def test_signing_twice_at_once_is_refused_politely(
    monkeypatch, school_leader, cluster, mou, school_a
):
    services.sign_mou(school_leader, membership(cluster, school_a))
    with pytest.raises(ValidationError, match="already signed version 1"):
        services.sign_mou(school_leader, membership(cluster, school_a))
    Signature.objects.all().delete()
    signed_meanwhile(monkeypatch, school_leader, mou, school_a)
    with pytest.raises(ValidationError, match="Ash Primary School has already signed version 1"):
        services.sign_mou(school_leader, membership(cluster, school_a))
    # (the other request's signature is made inside this transaction here, so it rolls back too)
    assert AuditEvent.objects.filter(action=verbs.MOU_SIGNED).count() == 1


def placed_meanwhile(monkeypatch) -> None:
    """Another request invites the school just after this one checked it was free."""
    monkeypatch.setattr(selectors, "current_places_of", lambda schools: [])


def test_one_school_invited_to_two_clusters_at_once(
    monkeypatch, coordinator, cluster, other_cluster, la
):
    school = extra_schools(la, 1)[0]
    services.invite_school(coordinator, other_cluster, school)
    with pytest.raises(ValidationError, match="is already invited to Riverside Cluster"):
        services.invite_school(coordinator, cluster, school)
    placed_meanwhile(monkeypatch)
    with pytest.raises(ValidationError, match="Extra School 1 .* already in or invited to another"):
        services.invite_school(coordinator, cluster, school)
    assert list(Membership.objects.filter(school=school).values_list("cluster", flat=True)) == [
        other_cluster.pk
    ]


def test_one_school_in_two_new_clusters_at_once(monkeypatch, network_admin, outsider, la):
    schools = extra_schools(la, 4)
    services.create_cluster(network_admin, "North", "", schools[:3], outsider)
    with pytest.raises(ValidationError, match="is already invited to North"):
        services.create_cluster(network_admin, "South", "", schools[1:], outsider)
    placed_meanwhile(monkeypatch)
    with pytest.raises(ValidationError, match="Extra School 2 .* already in or invited to another"):
        services.create_cluster(network_admin, "South", "", schools[1:], outsider)
    assert list(Cluster.objects.values_list("name", flat=True)) == ["North"]
    assert not Membership.objects.filter(school=schools[3]).exists()


def test_two_clusters_with_one_name_at_once(monkeypatch, network_admin, outsider, la):
    schools = extra_schools(la, 6)
    services.create_cluster(network_admin, "North", "", schools[:3], outsider)
    real_filter, calls = Cluster.objects.filter, []

    def created_meanwhile(**kwargs):  # the first check runs before the other cluster is saved
        calls.append(kwargs)
        return Cluster.objects.none() if len(calls) == 1 else real_filter(**kwargs)

    monkeypatch.setattr(Cluster.objects, "filter", created_meanwhile)
    with pytest.raises(ValidationError, match="There is already a cluster called North"):
        services.create_cluster(network_admin, "North", "", schools[3:], outsider)
    monkeypatch.undo()
    assert Cluster.objects.count() == 1
    assert not Membership.objects.filter(school__in=schools[3:]).exists()
