from django.apps import AppConfig


class ClustersConfig(AppConfig):
    name = "collegium.clusters"
    label = "clusters"
