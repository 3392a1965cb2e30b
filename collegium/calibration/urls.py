from django.urls import path

from collegium.calibration import views, views_grading

app_name = "calibration"

urlpatterns = [
    path("", views.packs, name="packs"),
    path("packs/<id:pk>/", views.pack, name="pack"),
    path("packs/<id:pk>/open/", views.open_pack, name="open"),
    path("packs/<id:pk>/close/", views.close_pack, name="close"),
    path("packs/<id:pk>/invite/", views.invite, name="invite"),
    path("packs/<id:pk>/results/", views.results, name="results"),
    path("items/<id:pk>/", views.item, name="item"),
    path("items/<id:pk>/remove/", views.remove_item, name="remove_item"),
    path("mine/", views_grading.mine, name="mine"),
    path("mine/<id:pk>/", views_grading.grade, name="grade"),
]
