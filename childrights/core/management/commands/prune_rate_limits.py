from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from childrights.core.ratelimit import rate_limit_prune


class Command(BaseCommand):
    help = "Delete rate-limit records (failed sign-ins, enquiries) older than a day. Run daily."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hours", type=int, default=24)

    def handle(self, *args: Any, hours: int, **options: Any) -> None:
        deleted = rate_limit_prune(older_than=timedelta(hours=hours))
        self.stdout.write(f"Deleted {deleted} rate-limit records.")
