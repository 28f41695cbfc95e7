import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Step 3 of 3: the typed names go, the link becomes `service`."""

    dependencies = [("contacts", "0004_service_names_to_services")]

    operations = [
        # A default first, so that going backwards can add the column again
        # to rows that exist (0004 backwards then types the names in).
        migrations.AlterField(
            model_name="openinghours",
            name="service",
            field=models.CharField(default="", max_length=100, verbose_name="service"),
        ),
        migrations.RemoveField(model_name="openinghours", name="service"),
        migrations.RemoveField(model_name="openinghours", name="service_en"),
        migrations.RemoveField(model_name="openinghours", name="service_ru"),
        migrations.RemoveField(model_name="openinghours", name="service_hi"),
        migrations.RenameField(
            model_name="openinghours", old_name="service_link", new_name="service"
        ),
        migrations.AlterField(
            model_name="openinghours",
            name="service",
            field=models.ForeignKey(
                help_text="Rows of the same service form one timetable.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="opening_hours",
                to="services.service",
                verbose_name="service",
            ),
        ),
    ]
