from django.urls import path

from collegium.schools import views

app_name = "schools"

urlpatterns = [
    path("", views.search, name="search"),
    path("add/", views.add, name="add"),
    path("imports/", views.imports, name="imports"),
    path("imports/upload/", views.upload, name="upload"),
    path("imports/<id:pk>/", views.import_run, name="import"),
    path("search.json", views.search_json, name="search-json"),
    path("download.<str:fmt>", views.search_download, name="search-download"),
    path("<id:urn>/", views.detail, name="detail"),
    path("<id:urn>/edit/", views.edit, name="edit"),
]
