"""The staff roles as groups: Editor, Publisher, Consular officer.

Permissions are normally created after all migrations ran, so this creates
those of the apps migrated so far first. Models migrated later (the contacts
app) are added to the groups by the post_migrate handler in releases/workflow/roles.py.

Reversible without losing staff data: rolling back keeps every group that
has members, and migrating forward again re-uses it by name.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from releases.workflow.roles import ROLES, grant_role_permissions


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    grant_role_permissions(apps, create_groups=True)


def remove_unused_roles(apps, schema_editor):
    """Remove the role groups that nobody belongs to. A group that holds
    staff stays, with its permissions: deleting it would take every
    membership with it, and create_roles finds it again by name."""
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=list(ROLES), user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0005_backfill_first_published"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_roles, remove_unused_roles),
    ]
