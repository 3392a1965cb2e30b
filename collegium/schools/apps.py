from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "collegium.schools"
    label = "schools"
