from django.apps import AppConfig


class SelfevaluationConfig(AppConfig):
    name = "collegium.selfevaluation"
    label = "selfevaluation"
