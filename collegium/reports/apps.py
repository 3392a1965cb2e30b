from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "collegium.reports"
    label = "reports"
