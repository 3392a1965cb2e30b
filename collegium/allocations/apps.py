from django.apps import AppConfig


class AllocationsConfig(AppConfig):
    name = "collegium.allocations"
    label = "allocations"
