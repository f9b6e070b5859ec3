from typing import Any

from django.core.management.base import BaseCommand

from childrights.assessments.dashboard import review_reminders_send


class Command(BaseCommand):
    help = (
        "Email the author and the council leads of each published or signed-off impact "
        "assessment whose review is due within 30 days or overdue, at most once every 30 days. "
        "Run daily."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        reminded = review_reminders_send()
        self.stdout.write(f"Sent review reminders for {reminded} impact assessments.")
