from django.urls import path

from collegium.calibration.views import grading, packs

app_name = "calibration"

urlpatterns = [
    path("", packs.packs, name="packs"),
    path("packs/<id:pk>/", packs.pack, name="pack"),
    path("packs/<id:pk>/open/", packs.open_pack, name="open"),
    path("packs/<id:pk>/close/", packs.close_pack, name="close"),
    path("packs/<id:pk>/invite/", packs.invite, name="invite"),
    path("packs/<id:pk>/results/", packs.results, name="results"),
    path("packs/<id:pk>/session/", packs.session, name="session"),
    path("packs/<id:pk>/session/remove/", packs.remove_session, name="remove_session"),
    path("invitations/<id:pk>/withdraw/", packs.withdraw, name="withdraw"),
    path("items/<id:pk>/", packs.item, name="item"),
    path("items/<id:pk>/remove/", packs.remove_item, name="remove_item"),
    path("mine/", grading.mine, name="mine"),
    path("mine/<id:pk>/", grading.grade, name="grade"),
]
