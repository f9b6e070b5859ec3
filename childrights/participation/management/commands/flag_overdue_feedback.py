from typing import Any

from django.core.management.base import BaseCommand

from childrights.participation.feedback.reminders import overdue_flag


class Command(BaseCommand):
    help = (
        "Email the council leads of each consultation whose feedback to children is overdue "
        "(closed more than three months ago, nothing published or updated since), once. "
        "Run daily."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        flagged = overdue_flag()
        self.stdout.write(f"Flagged {flagged} consultations with overdue feedback.")
