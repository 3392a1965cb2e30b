from django.urls import path

from collegium.reports import views, views_actions, views_public

app_name = "reports"

urlpatterns = [
    path("published/", views_public.published, name="published"),
    path("<int:pk>/summary/", views_public.summary, name="summary"),
    path("<int:pk>/summary.pdf", views_public.summary_pdf, name="summary-pdf"),
    path("<int:pk>/", views.report, name="report"),
    path("<int:pk>/report.pdf", views.report_pdf, name="pdf"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/accuracy-check/", views.accuracy_check, name="accuracy-check"),
    path("<int:pk>/sharing/", views.share, name="share"),
    path("<int:pk>/send/", views_actions.send, name="send"),
    path("<int:pk>/return-to-draft/", views_actions.return_to_draft, name="return-to-draft"),
    path("<int:pk>/finalise/", views_actions.finalise, name="finalise"),
    path("<int:pk>/agree-summary/", views_actions.agree_summary, name="agree-summary"),
    path("<int:pk>/publish/", views_actions.publish, name="publish"),
]
