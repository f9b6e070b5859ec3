from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from childrights.core.notify import deliveries_prune


class Command(BaseCommand):
    help = (
        "Delete records of messages sent through GOV.UK Notify (kind, recipient, status) older "
        "than 90 days. Run daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=90)

    def handle(self, *args: Any, days: int, **options: Any) -> None:
        deleted = deliveries_prune(older_than=timedelta(days=days))
        self.stdout.write(f"Deleted {deleted} delivery records.")
