from django.db import migrations
from django.db.models import F


def backfill(apps, schema_editor):
    # Items published before the workflow existed went public at their
    # publication time; keep it as their first publication date. Only where
    # none is recorded: after a rollback to 0004 this runs again, and a date
    # the workflow recorded since must survive.
    for name in ("Release", "Event"):
        model = apps.get_model("releases", name)
        model.objects.filter(
            status="published", published_at__isnull=False, first_published_at__isnull=True
        ).update(first_published_at=F("published_at"))


# Backwards there is nothing to undo: the dates stay until 0004 is rolled
# back too, which removes their column.


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0004_workflow_states_embargo_audit"),
    ]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
