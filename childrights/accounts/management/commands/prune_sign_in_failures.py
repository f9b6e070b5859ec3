from typing import Any

from django.core.management.base import BaseCommand

from childrights.accounts.throttle import throttle_prune


class Command(BaseCommand):
    help = "Delete failed sign-in records older than the throttle window (run it daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Deleted {throttle_prune()} failed sign-in records.")
