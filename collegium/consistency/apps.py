from django.apps import AppConfig


class ConsistencyConfig(AppConfig):
    name = "collegium.consistency"
    label = "consistency"

    def ready(self) -> None:
        from collegium.consistency import signals

        signals.connect()
