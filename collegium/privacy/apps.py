from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "collegium.privacy"
    label = "privacy"
    verbose_name = "Data protection"
