from django.urls import path

from collegium.schools import views

app_name = "schools"

urlpatterns = [
    path("", views.search, name="search"),
    path("<id:urn>/", views.detail, name="detail"),
    path("<id:urn>/edit/", views.edit, name="edit"),
]
