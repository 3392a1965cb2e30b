from django.urls import path

from collegium.complaints import views

app_name = "complaints"

urlpatterns = [
    path("", views.open_complaints, name="open"),
    path("statistics/", views.public_statistics, name="statistics"),
    path("reviews/<id:pk>/new/", views.raise_complaint, name="raise"),
    path("<id:pk>/", views.complaint, name="complaint"),
    path("<id:pk>/decide/", views.decide, name="decide"),
    path("<id:pk>/respond/", views.respond, name="respond"),
    path("<id:pk>/assign/", views.assign, name="assign"),
]
