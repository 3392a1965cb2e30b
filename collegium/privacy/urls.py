from django.urls import path

from collegium.privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.notice, name="notice"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("my-data/", views.my_data, name="my-data"),
    path("my-data/download/", views.download_my_data, name="download-my-data"),
    path("people/<id:pk>/", views.person, name="person"),
    path("people/<id:pk>/data/", views.person_data, name="person-data"),
    path("people/<id:pk>/suspend/", views.suspend, name="suspend"),
    path("people/<id:pk>/restore/", views.restore, name="restore"),
    path("people/<id:pk>/erase/", views.erase, name="erase"),
    path("retention/", views.retention, name="retention"),
]
