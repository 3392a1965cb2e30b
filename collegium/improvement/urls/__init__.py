"""The improvement cycle's pages: the workshop and action plan (plan), support between schools
(support), monitoring and impact (monitoring), cluster and network views (overview)."""

from collegium.improvement.urls import monitoring, overview, plan, support

app_name = "improvement"

urlpatterns = [
    *plan.urlpatterns,
    *support.urlpatterns,
    *monitoring.urlpatterns,
    *overview.urlpatterns,
]
