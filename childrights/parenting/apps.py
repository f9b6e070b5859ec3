from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParentingConfig(AppConfig):
    name = "childrights.parenting"
    label = "parenting"
    verbose_name = _("Corporate parenting")

    def load_demo_data(self) -> str:
        from childrights.parenting.demo.wellbeing import wellbeing_demo_load

        return wellbeing_demo_load()
