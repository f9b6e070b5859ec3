"""Age keys in Service.search_keys, written for the services there are: for each whole age from 0
to 25, ``§a<age>`` where the service is for that age, ``§y<age>`` where its youngest age is at
least that (from 1), ``§z<age>`` where its oldest age is at most that. The finder's age and the
Open Referral UK API's ``minimum_age`` and ``maximum_age`` are then answered by the keys' GIN
index (migration 0006) with the words, need and council.

The keys repeat ``directory.search_text.age_keys`` as it is today (a migration must not change
with the code). A service's other keys are kept as they are; age keys it held are replaced.
"""

import re

from django.db import migrations

OLDEST_AGE = 25
AGE_KEYS = re.compile(r"§[ayz]\d+")


def age_keys(youngest, oldest):
    keys = set()
    for age in range(OLDEST_AGE + 1):
        if (youngest is None or youngest <= age) and (oldest is None or age <= oldest):
            keys.add(f"§a{age}")
        if youngest is not None and 1 <= age <= youngest:
            keys.add(f"§y{age}")
        if oldest is not None and oldest <= age:
            keys.add(f"§z{age}")
    return keys


def fill(apps, schema_editor):
    Service = apps.get_model("directory", "Service")
    services = Service.objects.only("pk", "minimum_age", "maximum_age", "search_keys")
    for service in services.iterator(chunk_size=2000):
        tokens = {key for key in service.search_keys.split() if not AGE_KEYS.fullmatch(key)}
        tokens |= age_keys(service.minimum_age, service.maximum_age)
        keys = f" {' '.join(sorted(tokens))} "
        if keys != service.search_keys:
            Service.objects.filter(pk=service.pk).update(search_keys=keys)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0007_send_comment_submission"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
