from django.apps import AppConfig


class ConsistencyConfig(AppConfig):
    name = "collegium.consistency"
    label = "consistency"
