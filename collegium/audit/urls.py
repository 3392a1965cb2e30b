from django.urls import path

from collegium.audit import views

app_name = "audit"

urlpatterns = [
    path("<str:object_type>/<str:object_id>/", views.history, name="history"),
]
