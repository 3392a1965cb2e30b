"""People's part in a cluster's life (clusters.signals): a new cluster's coordinator is given
the role, recorded in the audit trail inside the cluster's creation; an invited school's
leaders are told of the invitation (the network admins, if it has none on Collegium, to invite
its head), and the member schools' leaders of a memorandum to sign."""

from typing import Any

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.clusters.models import Cluster, Membership, MemorandumOfUnderstanding
from collegium.clusters.signals import cluster_created, mou_published, school_invited
from collegium.links import site_link
from collegium.notifications.services import notify
from collegium.people.models import Role, RoleGrant
from collegium.people.selectors import school_leaders, schools_without_leader


def grant_coordinator(
    sender: Any, cluster: Cluster, actor: User, coordinator: User, **kwargs: Any
) -> None:
    grant = RoleGrant.objects.create(
        user=coordinator, role=Role.CLUSTER_COORDINATOR, cluster=cluster
    )
    record_change(actor, verbs.ROLE_GRANTED, grant, None, snapshot(grant))


def tell_school_invited(sender: Any, membership: Membership, actor: User, **kwargs: Any) -> None:
    school, cluster = membership.school, membership.cluster
    notify(
        school_leaders(school.pk),
        "school-invited",
        subject=f"{school.name} is invited to join the {cluster.name} cluster",
        context={"school": school, "cluster": cluster, "actor": actor},
        link=site_link("clusters:respond", membership.pk),
    )
    if school.pk in schools_without_leader([school.pk]):
        tell_admins_to_invite_head(membership, actor)


def tell_admins_to_invite_head(membership: Membership, actor: User) -> None:
    """Nobody at the school can answer the invitation until a network admin invites its head
    (one who invited the school is taken to do it there and then)."""
    school, cluster = membership.school, membership.cluster
    admins = User.objects.filter(role_grants__role=Role.NETWORK_ADMIN, is_active=True)
    admins = admins.exclude(pk=actor.pk).distinct()
    notify(
        admins,
        "head-to-invite",
        subject=f"Invite the head of {school.name}",
        context={"school": school, "cluster": cluster},
        link=site_link("people:invite-head", cluster.pk, membership.pk),
    )


def tell_members_to_sign(
    sender: Any, mou: MemorandumOfUnderstanding, actor: User, **kwargs: Any
) -> None:
    cluster = mou.cluster
    members = cluster.memberships.filter(status=Membership.Status.MEMBER)
    leaders = User.objects.filter(
        role_grants__role=Role.SCHOOL_LEADER,
        role_grants__school_id__in=members.values("school_id"),
    ).distinct()
    notify(
        leaders,
        "mou-published",
        subject=f"Sign {cluster.name}'s memorandum of understanding",
        context={"cluster": cluster, "mou": mou},
        link=site_link("clusters:sign-mou", cluster.pk),
    )


def connect() -> None:
    cluster_created.connect(grant_coordinator, dispatch_uid="people-grant-coordinator")
    school_invited.connect(tell_school_invited, dispatch_uid="people-tell-school-invited")
    mou_published.connect(tell_members_to_sign, dispatch_uid="people-tell-members-to-sign")
