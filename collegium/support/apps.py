from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "collegium.support"
    label = "support"
    verbose_name = "Support between schools"

    def ready(self) -> None:
        from collegium.support import signals

        signals.connect()
