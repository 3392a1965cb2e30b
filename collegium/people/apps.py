from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "collegium.people"
    label = "people"

    def ready(self) -> None:
        from collegium.people import signals

        signals.connect()
