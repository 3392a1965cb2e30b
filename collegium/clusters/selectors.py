"""Reads about clusters (N2) and their memorandum of understanding (N3)."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Q, QuerySet

from collegium import access
from collegium.clusters.models import (
    MIN_SCHOOLS,
    Cluster,
    Membership,
    MemorandumOfUnderstanding,
    MouTemplate,
    Signature,
)
from collegium.schools.models import School
from collegium.types import Person

SEES_EVERY_CLUSTER = {access.MODERATOR, access.NETWORK_ADMIN}


def current_memberships(cluster: Cluster) -> QuerySet[Membership]:
    """Members and invited schools: the ones holding one of the cluster's places."""
    return cluster.memberships.filter(status__in=Membership.CURRENT).select_related("school")


def current_places_of(schools: Iterable[School]) -> list[Membership]:
    """Where each of these schools is a member or invited now (at most one place each)."""
    return list(
        Membership.objects.filter(school__in=list(schools), status__in=Membership.CURRENT)
        .select_related("school", "cluster")
        .order_by("school__name")
    )


def current_place_of(school: School) -> Membership | None:
    """The school's place in a cluster (as a member or invited), if it has one."""
    return (
        Membership.objects.filter(school=school, status__in=Membership.CURRENT)
        .select_related("cluster")
        .first()
    )


def current_mou(cluster: Cluster) -> MemorandumOfUnderstanding | None:
    return cluster.mous.select_related("published_by").order_by("-version").first()


def last_signed_version(school: School, cluster: Cluster) -> int | None:
    signed = Signature.objects.filter(school=school, mou__cluster=cluster)
    version: int | None = signed.aggregate(version=Max("mou__version"))["version"]
    return version


def has_signed_current_mou(school: School, cluster: Cluster) -> bool:
    """Whether the school has signed the cluster's current MoU (False when there is none).

    A school cannot be reviewed in a cluster cycle before this is True.
    """
    mou = current_mou(cluster)
    return mou is not None and mou.signatures.filter(school=school).exists()


def schools_not_signed(cluster: Cluster) -> list[School]:
    """Member schools that have not signed the current version (all of them if none exists)."""
    mou = current_mou(cluster)
    members = School.objects.filter(
        cluster_memberships__cluster=cluster,
        cluster_memberships__status=Membership.Status.MEMBER,
    )
    if mou is not None:
        members = members.exclude(urn__in=mou.signatures.values("school_id"))
    return list(members.order_by("name"))


@dataclass(frozen=True)
class ClusterSummary:
    cluster: Cluster
    members: int
    invited: int
    mou_version: int | None
    signed: int


def clusters_for(user: Person) -> list[ClusterSummary]:
    """The clusters the person may view, with their size and how many have signed the MoU."""
    return summaries_of(visible_clusters(user))


def visible_clusters(user: Person) -> list[Cluster]:
    """The clusters the person may view, by name, with their counts of members and invited."""
    roles = access.roles_of(user)
    clusters = Cluster.objects.annotate(
        members=Count("memberships", filter=Q(memberships__status=Membership.Status.MEMBER)),
        invited=Count("memberships", filter=Q(memberships__status=Membership.Status.INVITED)),
    )
    if not roles.columns() & SEES_EVERY_CLUSTER:
        mine = roles.coordinates | roles.clusters_led | roles.clusters_governed
        clusters = clusters.filter(pk__in=mine)
    return access.visible(user, "cluster.view", clusters.order_by("name"))


def summaries_of(clusters: Sequence[Any]) -> list[ClusterSummary]:
    """Each cluster's size and how many have signed its MoU, in a fixed number of queries."""
    ids = [cluster.pk for cluster in clusters]
    versions = dict(
        MemorandumOfUnderstanding.objects.filter(cluster_id__in=ids)
        .values("cluster_id")
        .annotate(latest=Max("version"))
        .values_list("cluster_id", "latest")
    )
    members = set(
        Membership.objects.filter(cluster_id__in=ids, status=Membership.Status.MEMBER).values_list(
            "cluster_id", "school_id"
        )
    )
    signed: dict[int, int] = defaultdict(int)
    signatures = Signature.objects.filter(mou__cluster_id__in=ids).values_list(
        "mou__cluster_id", "mou__version", "school_id"
    )
    for cluster_id, version, school_id in signatures:
        if version == versions.get(cluster_id) and (cluster_id, school_id) in members:
            signed[cluster_id] += 1
    return [
        ClusterSummary(c, c.members, c.invited, versions.get(c.pk), signed[c.pk]) for c in clusters
    ]


def pending_invitations_for(user: Person) -> list[Membership]:
    """Invitations waiting for an answer from a school the person leads."""
    leads = access.roles_of(user).leads
    return list(
        Membership.objects.filter(school_id__in=leads, status=Membership.Status.INVITED)
        .select_related("school", "cluster")
        .order_by("invited_at")
    )


@dataclass(frozen=True)
class Place:
    membership: Membership
    signed: bool


@dataclass(frozen=True)
class ClusterPage:
    cluster: Cluster
    places: list[Place]  # members, then invited schools
    history: list[Membership]  # every membership row, including declined and left
    mou: MemorandumOfUnderstanding | None
    earlier_mous: list[MemorandumOfUnderstanding]

    @property
    def member_count(self) -> int:
        return sum(p.membership.status == Membership.Status.MEMBER for p in self.places)

    @property
    def too_few_members(self) -> bool:
        return self.member_count < MIN_SCHOOLS


def cluster_page(cluster: Cluster) -> ClusterPage:
    history = list(
        cluster.memberships.select_related("school").order_by("-invited_at", "school__name")
    )
    mous = list(cluster.mous.select_related("published_by").order_by("-version"))
    signed = set(mous[0].signatures.values_list("school_id", flat=True)) if mous else set()
    current = [m for m in history if m.status in Membership.CURRENT]
    current.sort(key=lambda m: (m.status != Membership.Status.MEMBER, m.school.name))
    return ClusterPage(
        cluster=cluster,
        places=[Place(m, m.school_id in signed) for m in current],
        history=history,
        mou=mous[0] if mous else None,
        earlier_mous=mous[1:],
    )


def memberships_signable_by(user: Person, cluster: Cluster) -> list[Membership]:
    """The cluster's member schools this person may sign the MoU for."""
    members = cluster.memberships.filter(status=Membership.Status.MEMBER).select_related(
        "school", "cluster"
    )
    return access.visible(user, "mou.sign", members.order_by("school__name"))


def signatures_for(
    memberships: list[Membership], mou: MemorandumOfUnderstanding | None
) -> dict[int, Signature]:
    """Each of these memberships' signature of the MoU version, by membership id."""
    if mou is None:
        return {}
    by_school = {m.school_id: m.pk for m in memberships}
    signatures = mou.signatures.filter(school_id__in=by_school).select_related("signed_by")
    return {by_school[s.school_id]: s for s in signatures}


def mou_template() -> MouTemplate | None:
    """The network's memorandum template, if a network admin has written one."""
    return MouTemplate.objects.order_by("pk").first()
