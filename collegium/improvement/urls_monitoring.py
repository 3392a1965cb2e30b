"""Monitoring pages of the improvement cycle (I3): check-ins, readings, the previous priority
revisited at the next review, and impact against similar schools."""

from django.urls import URLPattern, path

from collegium.improvement.views import monitoring

urlpatterns: list[URLPattern] = [
    path(
        "plans/<int:pk>/milestones/<int:milestone_pk>/check-in/",
        monitoring.check_in,
        name="check_in",
    ),
    path("plans/<int:pk>/measures/<int:measure_pk>/readings/", monitoring.reading, name="reading"),
    path("plans/<int:pk>/impact/", monitoring.impact, name="impact"),
    path("reviews/<int:review_pk>/previous-priority/", monitoring.revisit, name="revisit"),
]
