from django.core.management.base import BaseCommand

from releases.workflow.roles import ROLES, grant_role_permissions, role_permissions


class Command(BaseCommand):
    help = (
        "Create the staff groups (Editor, Publisher, Consular officer) and give them "
        "their permissions. Idempotent; never removes a permission granted by hand."
    )

    def handle(self, *args, **options):
        for group in grant_role_permissions(create_groups=True):
            count = role_permissions(group.name).count()
            self.stdout.write(f"{group.name}: {count} permissions.")
        self.stdout.write(self.style.SUCCESS(f"{len(ROLES)} roles are set up."))
