"""The improvement cycle's pages: the workshop and action plan (plan), monitoring and impact
(monitoring), cluster and network views (overview), downloads of plans (exports). Support
between schools is collegium/support."""

from collegium.improvement.urls import exports, monitoring, overview, plan

app_name = "improvement"

urlpatterns = [
    *plan.urlpatterns,
    *monitoring.urlpatterns,
    *overview.urlpatterns,
    *exports.urlpatterns,
]
