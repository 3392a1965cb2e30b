from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "collegium.frameworks"
    label = "frameworks"
