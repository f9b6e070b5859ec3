"""Service.search_text: a service's words in one normalised field, filled for the services there
are, and on PostgreSQL a trigram index on it so a search by words need not read every service.

The filling repeats ``directory.search_text`` as it is today (a migration must not change with
the code); SQLite gets no index and keeps its plain scan for the demo.
"""

from django.db import migrations, models

SERVICE_FIELDS = (
    "name_en",
    "name_cy",
    "description_en",
    "description_cy",
    "who_for_en",
    "who_for_cy",
    "what_happens_en",
    "what_happens_cy",
)
NEED_FIELDS = ("name_en", "name_cy", "keywords_en", "keywords_cy")
INDEX = "directory_service_search_trgm"


def _normalised(text):
    return " ".join(text.casefold().split())


def fill(apps, schema_editor):
    Service = apps.get_model("directory", "Service")
    services = Service.objects.select_related("organisation").prefetch_related("needs")
    for service in services.iterator(chunk_size=2000):
        texts = [getattr(service, name) for name in SERVICE_FIELDS]
        for need in service.needs.all():
            texts.extend(getattr(need, name) for name in NEED_FIELDS)
        texts.append(service.organisation.name)
        text = "\n".join(line for line in map(_normalised, texts) if line)
        Service.objects.filter(pk=service.pk).update(search_text=text)


def index_create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON directory_service "
        "USING gin (search_text gin_trgm_ops)"
    )


def index_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_suggestions_and_local_offer"),
    ]

    operations = [
        migrations.AddField(
            model_name="service",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(index_create, index_drop),
    ]
