from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load every app's reference data from its versioned data files. Safe to run again."

    def handle(self, *args: Any, **options: Any) -> None:
        for config in apps.get_app_configs():
            loader = getattr(config, "load_reference_data", None)
            if loader is not None:
                summary = loader()
                if options["verbosity"]:
                    self.stdout.write(f"{config.label}: {summary}")
