from django.urls import path

from collegium.reports import views, views_actions, views_public

app_name = "reports"

urlpatterns = [
    path("published/", views_public.published, name="published"),
    path("<id:pk>/summary/", views_public.summary, name="summary"),
    path("<id:pk>/summary.pdf", views_public.summary_pdf, name="summary-pdf"),
    path("<id:pk>/", views.report, name="report"),
    path("<id:pk>/report.pdf", views.report_pdf, name="pdf"),
    path("<id:pk>/edit/", views.edit, name="edit"),
    path("<id:pk>/accuracy-check/", views.accuracy_check, name="accuracy-check"),
    path("<id:pk>/accuracy-check/points/", views.add_point, name="add-point"),
    path(
        "<id:pk>/accuracy-check/points/<id:comment_pk>/remove/",
        views.remove_point,
        name="remove-point",
    ),
    path("<id:pk>/accuracy-comments/", views.comments, name="comments"),
    path("<id:pk>/accuracy-comments/<id:comment_pk>/answer/", views.answer, name="answer"),
    path("<id:pk>/sharing/", views.share, name="share"),
    path("<id:pk>/send/", views_actions.send, name="send"),
    path("<id:pk>/return-to-draft/", views_actions.return_to_draft, name="return-to-draft"),
    path("<id:pk>/finalise/", views_actions.finalise, name="finalise"),
    path("<id:pk>/agree-summary/", views_actions.agree_summary, name="agree-summary"),
    path("<id:pk>/publish/", views_actions.publish, name="publish"),
]
