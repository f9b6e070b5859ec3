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

        from childrights.core import site_search
        from childrights.councils import public_pages
        from childrights.participation import public_links
        from childrights.participation.site_search import answers_search, consultations_search

        public_pages.register_sections(public_links.council_sections)
        site_search.register(consultations_search)
        site_search.register(answers_search)

    def load_reference_data(self) -> str:
        from childrights.participation.lexicon import default_phrases_load

        return default_phrases_load()

    def load_demo_data(self) -> str:
        from childrights.participation.demo import consultations_demo_load

        return consultations_demo_load()
