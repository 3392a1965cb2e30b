from django.urls import path

from collegium.quality import views

app_name = "quality"

urlpatterns = [
    path("", views.home, name="home"),
    path("terms/<str:term_key>/draw/", views.draw, name="draw"),
    path("terms/<str:term_key>/draw-late/", views.draw_late, name="draw-late"),
    path("reviews/<id:pk>/", views.moderate, name="moderate"),
    path("reviews/<id:pk>/complete/", views.complete, name="complete"),
    path("reviews/<id:pk>/outcome/", views.outcome, name="outcome"),
    path("settings/", views.network_settings, name="settings"),
]
