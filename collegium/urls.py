from django.conf import settings
from django.contrib import admin
from django.urls import include, path, register_converter

from collegium import views
from collegium.converters import IdConverter

register_converter(IdConverter, "id")  # before the apps' urls, which use <id:…>

urlpatterns = [
    path("", views.home, name="home"),
    path("help/", views.help_index, name="help"),
    path("help/<slug:role>/", views.help_guide, name="help-guide"),
    path("account/", include("collegium.accounts.urls")),
    path("schools/", include("collegium.schools.urls")),
    path("context/", include("collegium.context.urls")),
    path("clusters/", include("collegium.clusters.urls")),
    path("reviewers/", include("collegium.people.urls")),
    path("frameworks/", include("collegium.frameworks.urls")),
    path("self-evaluation/", include("collegium.selfevaluation.urls")),
    path("reviews/", include("collegium.reviews.urls")),
    path("reports/", include("collegium.reports.urls")),
    path("allocations/", include("collegium.allocations.urls")),
    path("moderation/", include("collegium.quality.urls")),
    path("consistency/", include("collegium.consistency.urls")),
    path("surveys/", include("collegium.surveys.urls")),
    path("calibration/", include("collegium.calibration.urls")),
    path("improvement/support/", include("collegium.support.urls")),
    path("improvement/", include("collegium.improvement.urls")),
    path("complaints/", include("collegium.complaints.urls")),
    path("safeguarding/", include("collegium.safeguarding.urls")),
    path("voice/", include("collegium.voice.urls")),
    path("api/", include("collegium.api.urls")),
    path("privacy/", include("collegium.privacy.urls")),
    path("history/", include("collegium.audit.urls")),
    path("notifications/", include("collegium.notifications.urls")),
    path("calendar/", include("collegium.calendars.urls")),
    path("term-dates/", include("collegium.termdates.urls")),
]
if settings.ADMIN_ENABLED:  # off in production: see "Sign-in protection" in settings.py
    urlpatterns.append(path("admin/", admin.site.urls))

handler403 = "collegium.views.permission_denied"
handler404 = "collegium.views.page_not_found"
handler500 = "collegium.views.server_error"
