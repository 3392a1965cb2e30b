"""Downloads of action plans and their progress (CSV or XLSX)."""

from django.urls import URLPattern, path

from collegium.improvement.views import exports

urlpatterns: list[URLPattern] = [
    path("plans/download.<str:fmt>", exports.plans_download, name="plans-download"),
    path("plans/<id:pk>/download.<str:fmt>", exports.plan_download, name="plan-download"),
]
