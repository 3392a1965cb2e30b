from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    name = "collegium.calendars"
    label = "calendars"
