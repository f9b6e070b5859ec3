from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Load the demonstration data every app provides (a made-up council and demo accounts). "
        "Safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for config in apps.get_app_configs():
            loader = getattr(config, "load_demo_data", None)
            if loader is not None:
                summary = loader()
                if options["verbosity"]:
                    self.stdout.write(f"{config.label}: {summary}")
