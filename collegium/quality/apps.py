from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "collegium.quality"
    label = "quality"
