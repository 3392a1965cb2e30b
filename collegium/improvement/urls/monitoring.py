"""Monitoring pages of the improvement cycle (I3): check-ins, readings, the previous priority
revisited at the next review, and impact against similar schools."""

from django.urls import URLPattern, path

from collegium.improvement.views import monitoring

urlpatterns: list[URLPattern] = [
    path(
        "plans/<id:pk>/milestones/<id:milestone_pk>/check-in/",
        monitoring.check_in,
        name="check_in",
    ),
    path("plans/<id:pk>/measures/<id:measure_pk>/readings/", monitoring.reading, name="reading"),
    path("plans/<id:pk>/impact/", monitoring.impact, name="impact"),
    path("reviews/<id:review_pk>/previous-priority/", monitoring.revisit, name="revisit"),
]
