from django.db import migrations

STATUSES = ["not_reviewed", "awaiting_feedback", "planned", "building", "released", "declined"]


def create_status_settings(apps, schema_editor):
    StatusSetting = apps.get_model("wagtail_feedback", "StatusSetting")
    for status in STATUSES:
        StatusSetting.objects.get_or_create(status=status)


class Migration(migrations.Migration):
    dependencies = [("wagtail_feedback", "0001_initial")]

    operations = [migrations.RunPython(create_status_settings, migrations.RunPython.noop)]
