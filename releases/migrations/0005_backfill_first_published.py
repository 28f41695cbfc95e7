from django.db import migrations
from django.db.models import F


def backfill(apps, schema_editor):
    # Items published before the workflow existed went public at their
    # publication time; keep it as their first publication date.
    for name in ("Release", "Event"):
        model = apps.get_model("releases", name)
        model.objects.filter(status="published", published_at__isnull=False).update(
            first_published_at=F("published_at")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0004_workflow_states_embargo_audit"),
    ]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
