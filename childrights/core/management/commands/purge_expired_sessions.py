from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from childrights.core.housekeeping import expired_sessions_purge


class Command(BaseCommand):
    help = (
        "Delete expired sessions: they may hold a child's unsent answers. Run at least daily "
        "(hourly is better)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = expired_sessions_purge(now=timezone.now())
        self.stdout.write(f"Deleted {deleted} expired sessions.")
