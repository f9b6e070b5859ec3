from typing import Any

from django.core.management.base import BaseCommand

from childrights.myviews.retention import purge_old_statements


class Command(BaseCommand):
    help = (
        "Delete children's statements past their council's retention period, keeping only "
        "anonymous counts. Run daily."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        purged = purge_old_statements()
        self.stdout.write(
            f"Deleted {purged.statements} sent statements (counted), {purged.drafts} drafts, "
            f"{purged.alerts} decided alerts and {purged.children} records of children."
        )
