from django.urls import path

from collegium.context import views

app_name = "context"

urlpatterns = [
    path("schools/<id:urn>/value-added/", views.school, name="school"),
    path("schools/<id:urn>/pupil-files/upload/", views.upload, name="upload"),
    path("reviews/<id:pk>/value-added/", views.review, name="review"),
    path("schools/<id:urn>/similar-schools/", views.similar, name="similar"),
    path("reviews/<id:pk>/similar-schools/", views.review_similar, name="review-similar"),
    path("pupil-files/", views.files, name="files"),
    path("pupil-files/upload/", views.upload_network, name="upload-network"),
    path("pupil-files/template.csv", views.template, name="template"),
    path("schools/<id:urn>/census-counts/upload/", views.upload_counts, name="counts-upload"),
    path("census-counts/upload/", views.upload_counts_network, name="counts-upload-network"),
    path("census-counts/template.csv", views.counts_template, name="counts-template"),
    path("off-rolling/", views.offrolling, name="offrolling"),
    path("reviews/<id:pk>/off-rolling/", views.review_offrolling, name="review-offrolling"),
]
