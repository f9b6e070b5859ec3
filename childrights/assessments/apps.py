from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "childrights.assessments"
    label = "assessments"
    verbose_name = _("Impact assessments and commissioning")

    def ready(self) -> None:
        from childrights.assessments.waiting import waiting_work
        from childrights.core.waiting import waiting_register

        waiting_register(waiting_work)

        from childrights.assessments.public_links import council_sections
        from childrights.assessments.site_search import assessments_search
        from childrights.core import site_search
        from childrights.councils import public_pages

        public_pages.register_sections(council_sections)
        site_search.register(assessments_search)

    def load_reference_data(self) -> str:
        from childrights.assessments.templates_data import templates_load

        return templates_load()

    def load_demo_data(self) -> str:
        from childrights.assessments.demo import assessments_demo_load

        return assessments_demo_load()
