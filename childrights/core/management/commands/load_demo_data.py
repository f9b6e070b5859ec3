from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Load the demonstration data every app provides (a made-up council and demo accounts, "
        "and the programme the source documents describe). Safe to run again; never in production."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demonstration data is never loaded in production.")
        with transaction.atomic():
            # Then what is built from every app's demonstration data (such as reports).
            for hook in ("load_demo_data", "load_demo_data_after"):
                for config in apps.get_app_configs():
                    loader = getattr(config, hook, None)
                    if loader is not None:
                        summary = loader()
                        if options["verbosity"]:
                            self.stdout.write(f"{config.label}: {summary}")
