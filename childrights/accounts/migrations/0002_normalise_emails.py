"""Store every address in its one normalised spelling (``core.emails.normalise_email``).

An address whose normalised spelling another account already has is left as it was and named in
the migration's output, for a person to resolve: two accounts are never merged silently.
"""

import unicodedata

from django.db import migrations


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def forwards(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    taken = set(User.objects.values_list("email", flat=True))
    for user in User.objects.order_by("pk"):
        wanted = normalise(user.email)
        if wanted == user.email:
            continue
        if wanted in taken:
            print(f"\n  accounts: {user.email!r} left as it is: {wanted!r} is another account's")
            continue
        taken.discard(user.email)
        taken.add(wanted)
        User.objects.filter(pk=user.pk).update(email=wanted)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
