from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("councils", "0003_council_data_protection_officer"),
    ]

    operations = [
        migrations.AddField(
            model_name="council",
            name="name_cy",
            field=models.CharField(
                blank=True, max_length=200, verbose_name="official name in Welsh"
            ),
        ),
        migrations.AddField(
            model_name="council",
            name="short_name_cy",
            field=models.CharField(blank=True, max_length=100, verbose_name="short name in Welsh"),
        ),
        migrations.AddField(
            model_name="council",
            name="name_cy_source",
            field=models.CharField(
                blank=True, max_length=300, verbose_name="source of the Welsh name"
            ),
        ),
    ]
