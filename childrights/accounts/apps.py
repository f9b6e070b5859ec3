from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "childrights.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from childrights.accounts.text_failures import on_urgent_text_failed
        from childrights.core.notify import urgent_text_failed

        urgent_text_failed.connect(on_urgent_text_failed, dispatch_uid="urgent_text_failed")

    def load_reference_data(self) -> str:
        from childrights.accounts.services import roles_load

        return roles_load()

    def load_demo_data(self) -> str:
        from childrights.accounts.demo import demo_accounts_load

        return demo_accounts_load()
