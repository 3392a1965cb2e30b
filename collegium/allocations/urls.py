from django.urls import path

from collegium.allocations import views

app_name = "allocations"

urlpatterns = [
    path("clusters/<id:pk>/", views.cluster_page, name="cluster"),
    path("clusters/<id:pk>/start/", views.start, name="start"),
    path("clusters/<id:pk>/runs/", views.run_list, name="runs"),
    path("runs/<id:pk>/", views.run_page, name="run"),
    path("runs/<id:pk>/places/<id:place_pk>/lock/", views.lock, name="lock"),
    path("runs/<id:pk>/places/<id:place_pk>/remove/", views.remove, name="remove"),
    path("runs/<id:pk>/places/<id:place_pk>/swap/", views.swap, name="swap"),
    path("runs/<id:pk>/reoptimise/", views.reoptimise, name="reoptimise"),
    path("runs/<id:pk>/accept/", views.accept, name="accept"),
]
