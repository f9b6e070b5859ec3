from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "childrights.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Registers the check that GOV.UK Notify's settings are complete.
        from childrights.core import notify  # noqa: F401
