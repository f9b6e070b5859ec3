from typing import Any

from django.core.management.base import BaseCommand

from childrights.myviews.reminders import reviews_remind


class Command(BaseCommand):
    help = (
        "Remind the workers allocated to a child to ask for the child's views before a meeting "
        "coming up with none sent, and tell team managers of answers to children that are "
        "overdue; each once. Run daily."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        reminded = reviews_remind()
        self.stdout.write(
            f"Reminded workers of {reminded.meetings} meetings; "
            f"told managers of {reminded.overdue} overdue answers."
        )
