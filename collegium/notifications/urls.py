from django.urls import path

from collegium.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<id:pk>/read/", views.read, name="read"),
    path("read/", views.read_all, name="read-all"),
    path("settings/", views.email_settings, name="settings"),
    path("failed/", views.failed, name="failed"),
]
