"""overview pages of the improvement cycle: the cluster's action plans and the network's view."""

from django.urls import path

from collegium.improvement.views import overview

urlpatterns = [
    path("clusters/", overview.clusters, name="clusters"),
    path("clusters/<id:cluster_pk>/", overview.cluster, name="cluster"),
    path("network/", overview.network, name="network"),
]
