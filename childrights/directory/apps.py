from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "childrights.directory"
    label = "directory"
    verbose_name = _("Services for children and young people")

    def ready(self) -> None:
        from childrights.councils import public_pages
        from childrights.directory.public_links import council_links

        public_pages.register(council_links)

        from childrights.core.waiting import waiting_register
        from childrights.directory.waiting import waiting_work

        waiting_register(waiting_work)

        from childrights.core import site_search
        from childrights.directory.site_search import services_search

        site_search.register(services_search)

        from childrights.directory.send_comment_themes import SOURCE, comment_rows
        from childrights.participation.themes.runs import source_register

        source_register(SOURCE, comment_rows)

    def load_reference_data(self) -> str:
        from childrights.directory.services import needs_load

        return needs_load()

    def load_demo_data(self) -> str:
        from childrights.directory.demo.services import directory_demo_load

        return directory_demo_load()
