from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "collegium.reports"
    label = "reports"

    def ready(self) -> None:
        from collegium.reports import signals

        signals.connect()
