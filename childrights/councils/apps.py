from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "childrights.councils"
    label = "councils"
    verbose_name = _("Councils")

    def load_reference_data(self) -> str:
        from childrights.councils.register import register_import

        return register_import()

    def load_demo_data(self) -> str:
        from childrights.councils.demo import demo_council

        council = demo_council()
        return f"demonstration council {council.name}"
