from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "collegium.demo"
    label = "demo"
