"""Service.search_keys: the tokens a search finds a service by (its words and their beginnings of
three letters or more, its needs and its council), filled for the services there are, and on
PostgreSQL a GIN index over them, so a search by words, need and area is answered from the index
alone.

The filling repeats ``directory.search_text`` as it is today (a migration must not change with
the code); SQLite gets no index and searches its demo-sized table directly.
"""

import re

from django.db import migrations, models

INDEX = "directory_service_search_keys"
SHORTEST = 3
LONGEST = 60
MOST_KEYS_TEXT = 200_000
WORD_BREAKS = re.compile(r"[\W_]+")


def fill(apps, schema_editor):
    Service = apps.get_model("directory", "Service")
    for service in Service.objects.prefetch_related("needs").iterator(chunk_size=2000):
        tokens, size = set(), 0
        for word in dict.fromkeys(WORD_BREAKS.split(service.search_text.casefold())):
            beginnings = [word[:end] for end in range(SHORTEST, min(len(word), LONGEST) + 1)]
            size += sum(len(beginning) + 1 for beginning in beginnings)
            if size > MOST_KEYS_TEXT:
                break
            tokens.update(beginnings)
        for need in service.needs.all():
            tokens.update({"§t" + need.pk.hex, "§n" + need.pk.hex})
            if need.parent_id is not None:
                tokens.add("§n" + need.parent_id.hex)
        tokens.add(f"§c{service.council_id}")
        keys = f" {' '.join(sorted(tokens))} "
        Service.objects.filter(pk=service.pk).update(search_keys=keys)


def index_create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON directory_service "
        "USING gin (array_to_tsvector(string_to_array(btrim(search_keys), ' ')))"
    )


def index_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0005_postcodes"),
    ]

    operations = [
        migrations.AddField(
            model_name="service",
            name="search_keys",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(index_create, index_drop),
    ]
