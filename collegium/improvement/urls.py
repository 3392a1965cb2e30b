"""The improvement cycle's pages: the workshop and action plan (urls_plan), support between
schools (urls_support), monitoring and impact (urls_monitoring), cluster and network views
(urls_overview)."""

from collegium.improvement import urls_monitoring, urls_overview, urls_plan, urls_support

app_name = "improvement"

urlpatterns = [
    *urls_plan.urlpatterns,
    *urls_support.urlpatterns,
    *urls_monitoring.urlpatterns,
    *urls_overview.urlpatterns,
]
