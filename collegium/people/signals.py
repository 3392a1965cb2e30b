"""People's part in a cluster's life (clusters.signals): a new cluster's coordinator is given
the role, recorded in the audit trail inside the cluster's creation."""

from typing import Any

from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.services import record_change, snapshot
from collegium.clusters.models import Cluster
from collegium.clusters.signals import cluster_created
from collegium.people.models import Role, RoleGrant


def grant_coordinator(
    sender: Any, cluster: Cluster, actor: User, coordinator: User, **kwargs: Any
) -> None:
    grant = RoleGrant.objects.create(
        user=coordinator, role=Role.CLUSTER_COORDINATOR, cluster=cluster
    )
    record_change(actor, verbs.ROLE_GRANTED, grant, None, snapshot(grant))


def connect() -> None:
    cluster_created.connect(grant_coordinator, dispatch_uid="people-grant-coordinator")
