from django.apps import AppConfig


class TermdatesConfig(AppConfig):
    name = "collegium.termdates"
    label = "termdates"

    def ready(self) -> None:
        from collegium.termdates import signals  # noqa: F401  (connects the receivers)
