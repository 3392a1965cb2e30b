from django.urls import path

from collegium.calibration import views, views_grading

app_name = "calibration"

urlpatterns = [
    path("", views.packs, name="packs"),
    path("packs/<int:pk>/", views.pack, name="pack"),
    path("packs/<int:pk>/open/", views.open_pack, name="open"),
    path("packs/<int:pk>/close/", views.close_pack, name="close"),
    path("packs/<int:pk>/invite/", views.invite, name="invite"),
    path("packs/<int:pk>/results/", views.results, name="results"),
    path("items/<int:pk>/", views.item, name="item"),
    path("items/<int:pk>/remove/", views.remove_item, name="remove_item"),
    path("mine/", views_grading.mine, name="mine"),
    path("mine/<int:pk>/", views_grading.grade, name="grade"),
]
