from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "childrights.programme"
    label = "programme"
    verbose_name = _("Programme")

    def ready(self) -> None:
        from childrights.core import site_search
        from childrights.programme.site_search import councils_search

        site_search.register(councils_search)

    def load_demo_data(self) -> str:
        from childrights.programme.demo import demo_pilot
        from childrights.programme.seed import programme_seed_load

        loaded = programme_seed_load()
        demo_pilot()
        return f"{loaded}; a demonstration pilot"
