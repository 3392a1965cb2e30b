"""Downloads of reviews and judgements (CSV or XLSX)."""

from django.urls import path

from collegium.reviews.views import exports

urlpatterns = [
    path("download.<str:fmt>", exports.list_download, name="list-download"),
    path(
        "clusters/<id:pk>/judgements.<str:fmt>",
        exports.cluster_download,
        name="cluster-download",
    ),
]
