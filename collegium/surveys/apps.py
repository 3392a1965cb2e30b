from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "collegium.surveys"
    label = "surveys"
