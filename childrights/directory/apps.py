from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "childrights.directory"
    label = "directory"
    verbose_name = _("Services for children and young people")
