from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MyViewsConfig(AppConfig):
    name = "childrights.myviews"
    label = "myviews"
    verbose_name = _("My views: children in care and care leavers")

    def ready(self) -> None:
        from childrights.core.waiting import waiting_register
        from childrights.myviews.waiting import waiting_work

        waiting_register(waiting_work)

    def load_reference_data(self) -> str:
        from childrights.myviews.templates_data import templates_load

        return templates_load()

    def load_demo_data(self) -> str:
        from childrights.myviews.demo import myviews_demo_load

        return myviews_demo_load()
