from typing import Any

from django.core.management.base import BaseCommand

from childrights.outcomes.training.coverage import coverage_refresh_all


class Command(BaseCommand):
    help = (
        "Bring every council's training coverage indicators up to the latest quarter end. "
        "Training changes refresh them at once; this adds the new quarter when one begins. "
        "Run daily."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        stored = coverage_refresh_all()
        self.stdout.write(f"Stored {stored} computed coverage values.")
