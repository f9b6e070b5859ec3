from typing import Any

from django.core.management.base import BaseCommand

from childrights.directory.reminders import stale_remind


class Command(BaseCommand):
    help = (
        "Email each council's members who can change its directory the services nobody has "
        "checked for six months (or ever), at most once a month per council. Run daily."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        reminded = stale_remind()
        self.stdout.write(f"Reminded {reminded} councils of services to check.")
