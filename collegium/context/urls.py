from django.urls import path

from collegium.context import views

app_name = "context"

urlpatterns = [
    path("schools/<id:urn>/value-added/", views.school, name="school"),
    path("schools/<id:urn>/pupil-files/upload/", views.upload, name="upload"),
    path("reviews/<id:pk>/value-added/", views.review, name="review"),
    path("pupil-files/", views.files, name="files"),
    path("pupil-files/upload/", views.upload_network, name="upload-network"),
    path("pupil-files/template.csv", views.template, name="template"),
]
