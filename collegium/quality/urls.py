from django.urls import path

from collegium.quality import views

app_name = "quality"

urlpatterns = [
    path("", views.home, name="home"),
    path("terms/<str:term_key>/draw/", views.draw, name="draw"),
    path("reviews/<int:pk>/", views.moderate, name="moderate"),
    path("reviews/<int:pk>/complete/", views.complete, name="complete"),
    path("reviews/<int:pk>/outcome/", views.outcome, name="outcome"),
    path("settings/", views.network_settings, name="settings"),
]
