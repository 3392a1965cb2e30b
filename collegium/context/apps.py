from django.apps import AppConfig


class ContextConfig(AppConfig):
    name = "collegium.context"
    label = "context"
    verbose_name = "Context data"
