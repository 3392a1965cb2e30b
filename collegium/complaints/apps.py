from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "collegium.complaints"
    label = "complaints"
