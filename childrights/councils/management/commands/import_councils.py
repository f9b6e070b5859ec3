from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from childrights.councils.register import REGISTER_FILE, RegisterError, register_import


class Command(BaseCommand):
    help = (
        "Import the UK councils register from a CSV file. Every row is checked first; if any row "
        "is wrong, every problem is listed with its line number and nothing is imported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", type=Path, default=REGISTER_FILE)

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        if not path.exists():
            raise CommandError(f"No file at {path}")
        try:
            self.stdout.write(register_import(path=path))
        except RegisterError as error:
            for problem in error.errors:
                self.stderr.write(problem)
            raise CommandError(
                f"Nothing was imported: {len(error.errors)} problem(s) in {path}"
            ) from error
