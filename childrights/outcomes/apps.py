from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "childrights.outcomes"
    label = "outcomes"
    verbose_name = _("Evidence of change")

    def ready(self) -> None:
        from childrights.councils import public_pages
        from childrights.outcomes.public_links import council_sections

        public_pages.register_sections(council_sections)

    def load_demo_data(self) -> str:
        from childrights.outcomes.demo.evaluation import evaluation_demo_load
        from childrights.outcomes.demo.indicators import indicators_demo_load
        from childrights.outcomes.demo.self_assessment import self_assessment_demo_load
        from childrights.outcomes.demo.training import training_demo_load

        return "; ".join(
            [
                self_assessment_demo_load(),
                indicators_demo_load(),
                training_demo_load(),
                evaluation_demo_load(),
            ]
        )

    def load_demo_data_after(self) -> str:
        from childrights.outcomes.demo.reports import reports_demo_load

        return reports_demo_load()

    def load_reference_data(self) -> str:
        from childrights.outcomes.indicators import library_load

        return library_load()
