from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PovertyConfig(AppConfig):
    name = "childrights.poverty"
    label = "poverty"
    verbose_name = _("Multidimensional child poverty")

    def load_demo_data(self) -> str:
        from childrights.poverty.demo import poverty_demo_load

        return poverty_demo_load()
