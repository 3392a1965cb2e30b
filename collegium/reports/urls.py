from django.urls import path

from collegium.reports.views import actions, public, report

app_name = "reports"

urlpatterns = [
    path("published/", public.published, name="published"),
    path("<id:pk>/summary/", public.summary, name="summary"),
    path("<id:pk>/summary.pdf", public.summary_pdf, name="summary-pdf"),
    path("<id:pk>/", report.report, name="report"),
    path("<id:pk>/report.pdf", report.report_pdf, name="pdf"),
    path("<id:pk>/edit/", report.edit, name="edit"),
    path("<id:pk>/accuracy-check/", report.accuracy_check, name="accuracy-check"),
    path("<id:pk>/accuracy-check/points/", report.add_point, name="add-point"),
    path(
        "<id:pk>/accuracy-check/points/<id:comment_pk>/remove/",
        report.remove_point,
        name="remove-point",
    ),
    path("<id:pk>/accuracy-comments/", report.comments, name="comments"),
    path("<id:pk>/accuracy-comments/<id:comment_pk>/answer/", report.answer, name="answer"),
    path("<id:pk>/sharing/", report.share, name="share"),
    path("<id:pk>/send/", actions.send, name="send"),
    path("<id:pk>/return-to-draft/", actions.return_to_draft, name="return-to-draft"),
    path("<id:pk>/finalise/", actions.finalise, name="finalise"),
    path("<id:pk>/agree-summary/", actions.agree_summary, name="agree-summary"),
    path("<id:pk>/publish/", actions.publish, name="publish"),
]
