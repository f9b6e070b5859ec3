"""SearchWord: the words the services' search texts hold (4 to 60 letters), each also backwards,
for the site search to put a misspelt word right from; filled here from the services there are.
The words are split as ``directory.search_text.words_of`` splits them today (a migration must not
change with the code)."""

import re

from django.db import migrations, models

WORD_BREAKS = re.compile(r"[\W_]+")


def fill(apps, schema_editor):
    Service = apps.get_model("directory", "Service")
    SearchWord = apps.get_model("directory", "SearchWord")
    words: set[str] = set()

    def save() -> None:
        SearchWord.objects.bulk_create(
            [SearchWord(word=word, drow=word[::-1]) for word in sorted(words)],
            ignore_conflicts=True,
            batch_size=2000,
        )
        words.clear()

    for text in Service.objects.values_list("search_text", flat=True).iterator(chunk_size=2000):
        words.update(word for word in WORD_BREAKS.split(text.casefold()) if 4 <= len(word) <= 60)
        if len(words) > 20_000:
            save()
    save()


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0008_service_age_keys"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(max_length=60, unique=True)),
                ("drow", models.CharField(db_index=True, max_length=60)),
            ],
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
