"""The improvement cycle's pages: the workshop and action plan (plan), monitoring and impact
(monitoring), cluster and network views (overview). Support between schools is collegium/support."""

from collegium.improvement.urls import monitoring, overview, plan

app_name = "improvement"

urlpatterns = [
    *plan.urlpatterns,
    *monitoring.urlpatterns,
    *overview.urlpatterns,
]
