from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "collegium.improvement"
    label = "improvement"
    verbose_name = "Improvement"

    def ready(self) -> None:
        from collegium.improvement import signals

        signals.connect()
