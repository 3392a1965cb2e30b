from django.urls import path

from collegium.allocations import views

app_name = "allocations"

urlpatterns = [
    path("clusters/<int:pk>/", views.cluster_page, name="cluster"),
    path("clusters/<int:pk>/start/", views.start, name="start"),
    path("runs/<int:pk>/", views.run_page, name="run"),
    path("runs/<int:pk>/places/<int:place_pk>/lock/", views.lock, name="lock"),
    path("runs/<int:pk>/places/<int:place_pk>/remove/", views.remove, name="remove"),
    path("runs/<int:pk>/places/<int:place_pk>/swap/", views.swap, name="swap"),
    path("runs/<int:pk>/reoptimise/", views.reoptimise, name="reoptimise"),
    path("runs/<int:pk>/accept/", views.accept, name="accept"),
]
