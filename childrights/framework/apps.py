from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrameworkConfig(AppConfig):
    name = "childrights.framework"
    label = "framework"
    verbose_name = _("Children's rights framework")

    def ready(self) -> None:
        from childrights.core import site_search
        from childrights.framework.site_search import rights_search

        site_search.register(rights_search)

    def load_reference_data(self) -> str:
        from childrights.framework.services import framework_load

        return framework_load()
