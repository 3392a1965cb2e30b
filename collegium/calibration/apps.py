from django.apps import AppConfig


class CalibrationConfig(AppConfig):
    name = "collegium.calibration"
    label = "calibration"
