from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParentingConfig(AppConfig):
    name = "childrights.parenting"
    label = "parenting"
    verbose_name = _("Corporate parenting")

    def ready(self) -> None:
        from childrights.councils import public_pages
        from childrights.parenting.public_links import council_links

        public_pages.register(council_links)

    def load_demo_data(self) -> str:
        from childrights.parenting.demo.pledge import pledge_demo_load
        from childrights.parenting.demo.wellbeing import wellbeing_demo_load

        return "; ".join([wellbeing_demo_load(), pledge_demo_load()])

    def load_demo_data_after(self) -> str:
        from childrights.parenting.demo.report import report_demo_load

        return report_demo_load()
