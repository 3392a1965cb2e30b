from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    name = "collegium.safeguarding"
    label = "safeguarding"
