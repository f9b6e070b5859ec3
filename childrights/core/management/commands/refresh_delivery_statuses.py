from typing import Any

from django.core.management.base import BaseCommand, CommandError

from childrights.core.notify import notify_configured, statuses_refresh


class Command(BaseCommand):
    help = (
        "Ask GOV.UK Notify for the status of each message sent in the last 7 days that is not "
        "yet final. For a service that does not take Notify's delivery receipts; run it hourly."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not notify_configured():
            raise CommandError("GOV.UK Notify is not configured (set NOTIFY_API_KEY).")
        changed = statuses_refresh()
        self.stdout.write(f"{changed} delivery statuses changed.")
