"""What a cluster's life asks of the apps above clusters, which connect to these in their
AppConfig.ready (clusters imports none of them: tests/test_layers.py).

- `cluster_created` (cluster, actor, coordinator): sent inside `services.create_cluster`'s
  transaction; people grants the coordinator the cluster coordinator role of the cluster.
- `school_invited` (membership, actor): sent inside the invitation's transaction (a founding
  school's too); people tells the school's leaders, who answer it.
- `mou_published` (mou, actor): sent inside the publication's transaction; people tells the
  member schools' leaders, who sign it.
"""

from django.dispatch import Signal

cluster_created = Signal()
school_invited = Signal()
mou_published = Signal()
