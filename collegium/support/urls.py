"""I2 pages, under /improvement/support/: support between schools."""

from django.urls import URLPattern, path

from collegium.support import views

app_name = "support"

urlpatterns: list[URLPattern] = [
    path("", views.home, name="home"),
    path("requests/<id:pk>/", views.request_page, name="request"),
    path("requests/<id:pk>/answer/", views.answer, name="answer"),
    path("requests/<id:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("requests/<id:pk>/sessions/new/", views.session, name="session"),
    path("needs/<id:pk>/", views.need, name="need"),
    path("needs/<id:pk>/request/", views.send, name="send"),
    path("schools/<id:urn>/offers/new/", views.offer, name="offer"),
    path("schools/<id:urn>/<slug:kind>/", views.school_list, name="list"),
    path("offers/<id:pk>/withdraw/", views.offer_withdraw, name="offer_withdraw"),
]
