from django.urls import path

from collegium.calendars.views import pages

app_name = "calendars"

urlpatterns = [
    path("", pages.calendar, name="calendar"),
    path("reset/", pages.reset, name="reset"),
    path("feed/<str:token>.ics", pages.feed, name="feed"),
]
