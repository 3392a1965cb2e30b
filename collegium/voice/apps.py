from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "collegium.voice"
    label = "voice"
