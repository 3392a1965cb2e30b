from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "collegium.improvement"
    label = "improvement"
    verbose_name = "Improvement"
