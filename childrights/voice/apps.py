from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VoiceConfig(AppConfig):
    name = "childrights.voice"
    label = "voice"
    verbose_name = _("Children's voice")

    def load_reference_data(self) -> str:
        from childrights.voice.lexicon import default_phrases_load

        return default_phrases_load()

    def load_demo_data(self) -> str:
        from childrights.voice.demo import consultations_demo_load

        return consultations_demo_load()
