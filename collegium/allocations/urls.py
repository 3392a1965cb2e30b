from django.urls import path

from collegium.allocations import views
from collegium.allocations.views import consent, exports

app_name = "allocations"

urlpatterns = [
    path("clusters/<id:pk>/", views.cluster_page, name="cluster"),
    path("clusters/<id:pk>/start/", views.start, name="start"),
    path("clusters/<id:pk>/runs/", views.run_list, name="runs"),
    path("runs/<id:pk>/", views.run_page, name="run"),
    path("runs/<id:pk>/teams.<str:fmt>", exports.teams_download, name="run-download"),
    path("runs/<id:pk>/places/<id:place_pk>/lock/", views.lock, name="lock"),
    path("runs/<id:pk>/places/<id:place_pk>/remove/", views.remove, name="remove"),
    path("runs/<id:pk>/places/<id:place_pk>/swap/", views.swap, name="swap"),
    path("runs/<id:pk>/reoptimise/", views.reoptimise, name="reoptimise"),
    path("runs/<id:pk>/accept/", views.accept, name="accept"),
    path("network/", views.network_page, name="network"),
    path("network/runs/<id:pk>/", views.network_run_page, name="network-run"),
    path("reviewers/<id:pk>/preferences/", consent.edit_preferences, name="preferences"),
    path("places/<id:pk>/", consent.place_page, name="place"),
    path("places/<id:pk>/decline/", consent.decline_place, name="decline-place"),
]
