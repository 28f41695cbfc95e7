"""The staff roles as groups: Editor, Publisher, Consular officer.

Permissions are normally created after all migrations ran, so this creates
those of the apps migrated so far first. Models migrated later (the contacts
app) are added to the groups by the post_migrate handler in releases/roles.py.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from releases.roles import ROLES, grant_role_permissions


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    grant_role_permissions(apps, create_groups=True)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLES)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0005_backfill_first_published"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_roles, remove_roles),
    ]
