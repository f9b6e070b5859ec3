from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "childrights.participation"
    label = "participation"
    verbose_name = _("Children's voice")

    def ready(self) -> None:
        from childrights.accounts.services import membership_guard_register
        from childrights.participation.safeguarding import membership_still_needed

        membership_guard_register(membership_still_needed)

        from childrights.core.waiting import waiting_register
        from childrights.participation.waiting import waiting_work

        waiting_register(waiting_work)

    def load_reference_data(self) -> str:
        from childrights.participation.lexicon import default_phrases_load

        return default_phrases_load()

    def load_demo_data(self) -> str:
        from childrights.participation.demo import consultations_demo_load

        return consultations_demo_load()
