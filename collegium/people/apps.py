from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "collegium.people"
    label = "people"
