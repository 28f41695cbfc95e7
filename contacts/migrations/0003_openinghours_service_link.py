import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Step 1 of 3: a link to a Service beside the typed name (filled in 0004)."""

    dependencies = [
        ("contacts", "0002_constraint_error_codes"),
        ("services", "0001_services_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="openinghours",
            name="service_link",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="services.service",
            ),
        ),
    ]
