"""The pages for planning a review (R1–R3)."""

from django.urls import path

from collegium.reviews.views import planning, team, timetable

urlpatterns = [
    path("", planning.review_list, name="list"),
    path("schedule/", planning.schedule, name="schedule"),
    path("<id:pk>/", planning.detail, name="detail"),
    path("<id:pk>/analysis/", planning.analysis, name="analysis"),
    path("<id:pk>/focus/", planning.focus, name="focus"),
    path("<id:pk>/move/", planning.move, name="move"),
    path("<id:pk>/cancel/", planning.cancel, name="cancel"),
    path("<id:pk>/start/", planning.start, name="start"),
    path("<id:pk>/team/", team.team_page, name="team"),
    path("<id:pk>/team/<id:member_pk>/remove/", team.remove_member, name="remove-member"),
    path("<id:pk>/team/<id:member_pk>/lock/", team.lock_member, name="lock-member"),
    path("<id:pk>/timetable/", timetable.timetable, name="timetable"),
    path("<id:pk>/timetable/new/", timetable.add_activity, name="add-activity"),
    path(
        "<id:pk>/timetable/<id:activity_pk>/",
        timetable.change_activity,
        name="change-activity",
    ),
    path(
        "<id:pk>/timetable/<id:activity_pk>/remove/",
        timetable.remove_activity,
        name="remove-activity",
    ),
]
