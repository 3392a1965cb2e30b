"""support pages of the improvement cycle."""

from django.urls import URLPattern, path

from collegium.improvement.views import support

urlpatterns: list[URLPattern] = [
    path("support/", support.support_home, name="support"),
    path("support/requests/<id:pk>/", support.support_request, name="support_request"),
    path("support/requests/<id:pk>/answer/", support.support_answer, name="support_answer"),
    path("support/requests/<id:pk>/withdraw/", support.support_withdraw, name="support_withdraw"),
    path("support/requests/<id:pk>/sessions/new/", support.support_session, name="support_session"),
    path("support/needs/<id:pk>/", support.support_need, name="support_need"),
    path("support/needs/<id:pk>/request/", support.support_send, name="support_send"),
    path("support/schools/<id:urn>/offers/new/", support.support_offer, name="support_offer"),
    path("support/schools/<id:urn>/<slug:kind>/", support.support_list, name="support_list"),
    path(
        "support/offers/<id:pk>/withdraw/",
        support.support_offer_withdraw,
        name="support_offer_withdraw",
    ),
]
