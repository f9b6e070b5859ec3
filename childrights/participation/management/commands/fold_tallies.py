from typing import Any

from django.core.management.base import BaseCommand

from childrights.participation import tallies
from childrights.participation.models import Consultation, Response


class Command(BaseCommand):
    help = (
        "Write out new responses' answers as rows and count them into the kept results of "
        "every consultation that has any, so pages that read answers never have a backlog. "
        "Run every few minutes (cron)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        waiting = (
            Response.objects.filter(tallied=False)
            .values_list("consultation_id", flat=True)
            .distinct()
            .order_by()
        )
        total = 0
        for consultation in Consultation.objects.filter(pk__in=list(waiting)):
            total += tallies.fold(consultation)
        self.stdout.write(f"{total} responses counted")
