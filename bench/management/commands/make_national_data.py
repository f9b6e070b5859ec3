"""Fill a scratch PostgreSQL database with a made-up data set at national size.

    DJANGO_SETTINGS_MODULE=bench.settings APP_ENV=development \\
        DATABASE_URL=postgres://postgres@127.0.0.1:5432/childrights_bench_national \\
        .venv/bin/python manage.py make_national_data --scale 1.0 --seed 1

The database is migrated and given the reference data first. Only a scratch database (its name
says ``bench``, ``scratch`` or starts with ``test``) with APP_ENV test or development, and only
once: a database that already holds a made-up data set is refused.

``--extras-only`` adds to a data set filled before them only the records of
``bench/national_extras.py`` (invitations, partnerships, poverty analyses, reports, projects,
meetings, alerts...), with the seed it was filled with; a database without a made-up data set,
or whose data set has them already, is refused:

    DJANGO_SETTINGS_MODULE=bench.settings APP_ENV=development \\
        DATABASE_URL=postgres://postgres@127.0.0.1:5432/childrights_bench_pages_national \\
        .venv/bin/python manage.py make_national_data --extras-only --seed 1

``--part themes`` (with ``--extras-only``) adds only the themes found in the consultations'
written answers (a finished run of the theme model on each, its themes, the theme each answer
sits in), to a data set that has the other records already; one that has theme runs is refused:

    DJANGO_SETTINGS_MODULE=bench.settings APP_ENV=development \\
        DATABASE_URL=postgres://postgres@127.0.0.1:5432/childrights_bench_pages_national \\
        .venv/bin/python manage.py make_national_data --extras-only --part themes --seed 1
"""

import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from bench.common import refuse_unless_scratch
from bench.national import Counts, fill
from bench.national_extras import extras_present, fill_extras, fill_themes, themes_present


class Command(BaseCommand):
    help = "Fill a scratch PostgreSQL database with made-up data at national size (x --scale)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=float, default=1.0, help="times the national counts")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--councils", type=int, default=None, help="this many councils, whatever the scale"
        )
        parser.add_argument(
            "--extras-only",
            action="store_true",
            help="add only the other records (national_extras.py) to a data set filled before",
        )
        parser.add_argument(
            "--part",
            choices=["themes"],
            default=None,
            help="with --extras-only: add only this part of the other records",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("The national data set is written in PostgreSQL's SQL.")
        refuse_unless_scratch(str(connection.settings_dict["NAME"]))
        if options["scale"] <= 0:
            raise CommandError("--scale must be more than 0.")
        if options["part"] and not options["extras_only"]:
            raise CommandError("--part adds to a data set filled before: give --extras-only too.")
        began = time.perf_counter()
        call_command("migrate", verbosity=0)
        from childrights.accounts.models import Role, User

        if not Role.objects.exists():
            call_command("load_reference_data", verbosity=0)
        made = User.objects.filter(email__endswith=".bench.example").exists()
        if options["extras_only"]:
            with transaction.atomic(), connection.cursor() as cursor:
                if not made:
                    raise CommandError("There is no made-up data set here to add to.")
                if options["part"] == "themes":
                    if themes_present(cursor):
                        raise CommandError("This data set has theme runs already.")
                    self.stdout.write(f"Adding the themes to {connection.settings_dict['NAME']}")
                    fill_themes(cursor, options["seed"], log=self.stdout.write)
                    cursor.execute(
                        "ANALYZE participation_themerun, participation_theme, "
                        "participation_themeanswer"
                    )
                elif extras_present(cursor):
                    raise CommandError("This data set has the other records already.")
                else:
                    self.stdout.write(
                        f"Adding the other records to {connection.settings_dict['NAME']}"
                    )
                    fill_extras(cursor, options["seed"], log=self.stdout.write)
                    cursor.execute("ANALYZE")
            self.stdout.write(f"Done in {time.perf_counter() - began:.0f} s")
            return
        if made:
            raise CommandError(
                "This database already holds a made-up data set: make a new scratch database."
            )
        counts = Counts.at(options["scale"], options["councils"])
        self.stdout.write(f"Filling {connection.settings_dict['NAME']} with {counts}")
        with connection.cursor() as cursor:
            fill(cursor, counts, options["seed"], log=self.stdout.write)
        self.stdout.write(f"Done in {time.perf_counter() - began:.0f} s")
