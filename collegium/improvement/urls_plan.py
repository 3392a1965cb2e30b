"""plan pages of the improvement cycle."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
