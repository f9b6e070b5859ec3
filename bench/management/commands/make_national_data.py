"""Fill a scratch PostgreSQL database with a made-up data set at national size.

    DJANGO_SETTINGS_MODULE=bench.settings APP_ENV=development \\
        DATABASE_URL=postgres://postgres@127.0.0.1:5432/childrights_bench_national \\
        .venv/bin/python manage.py make_national_data --scale 1.0 --seed 1

The database is migrated and given the reference data first. Only a scratch database (its name
says ``bench``, ``scratch`` or starts with ``test``) with APP_ENV test or development, and only
once: a database that already holds a made-up data set is refused.
"""

import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from bench.common import refuse_unless_scratch
from bench.national import Counts, fill


class Command(BaseCommand):
    help = "Fill a scratch PostgreSQL database with made-up data at national size (x --scale)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=float, default=1.0, help="times the national counts")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--councils", type=int, default=None, help="this many councils, whatever the scale"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("The national data set is written in PostgreSQL's SQL.")
        refuse_unless_scratch(str(connection.settings_dict["NAME"]))
        if options["scale"] <= 0:
            raise CommandError("--scale must be more than 0.")
        began = time.perf_counter()
        call_command("migrate", verbosity=0)
        from childrights.accounts.models import Role, User

        if not Role.objects.exists():
            call_command("load_reference_data", verbosity=0)
        if User.objects.filter(email__endswith=".bench.example").exists():
            raise CommandError(
                "This database already holds a made-up data set: make a new scratch database."
            )
        counts = Counts.at(options["scale"], options["councils"])
        self.stdout.write(f"Filling {connection.settings_dict['NAME']} with {counts}")
        with connection.cursor() as cursor:
            fill(cursor, counts, options["seed"], log=self.stdout.write)
        self.stdout.write(f"Done in {time.perf_counter() - began:.0f} s")
