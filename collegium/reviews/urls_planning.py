"""The pages for planning a review (R1–R3)."""

from django.urls import path

from collegium.reviews.views import planning, team, timetable

urlpatterns = [
    path("", planning.review_list, name="list"),
    path("schedule/", planning.schedule, name="schedule"),
    path("<int:pk>/", planning.detail, name="detail"),
    path("<int:pk>/analysis/", planning.analysis, name="analysis"),
    path("<int:pk>/focus/", planning.focus, name="focus"),
    path("<int:pk>/move/", planning.move, name="move"),
    path("<int:pk>/cancel/", planning.cancel, name="cancel"),
    path("<int:pk>/start/", planning.start, name="start"),
    path("<int:pk>/team/", team.team_page, name="team"),
    path("<int:pk>/team/<int:member_pk>/remove/", team.remove_member, name="remove-member"),
    path("<int:pk>/team/<int:member_pk>/lock/", team.lock_member, name="lock-member"),
    path("<int:pk>/timetable/", timetable.timetable, name="timetable"),
    path("<int:pk>/timetable/new/", timetable.add_activity, name="add-activity"),
    path(
        "<int:pk>/timetable/<int:activity_pk>/",
        timetable.change_activity,
        name="change-activity",
    ),
    path(
        "<int:pk>/timetable/<int:activity_pk>/remove/",
        timetable.remove_activity,
        name="remove-activity",
    ),
]
