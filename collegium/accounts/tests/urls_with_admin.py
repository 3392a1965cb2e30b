"""The service's URLs with the Django admin routed, as ADMIN_ENABLED=true serves them."""

from django.contrib import admin
from django.urls import path

from collegium.urls import urlpatterns as service

urlpatterns = [*service, path("admin/", admin.site.urls)]
