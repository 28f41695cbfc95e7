import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from contacts import demo as contacts_demo
from releases import demo as releases_demo
from releases.roles import EDITOR, PUBLISHER, grant_role_permissions

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-embassy"  # noqa: S105 - a published demo credential, DEBUG only
# One account per role, to try the workflow (same password).
DEMO_ROLE_ACCOUNTS = {"demo-editor": EDITOR, "demo-publisher": PUBLISHER}


class Command(BaseCommand):
    help = (
        "Load the demo content and the demo staff account. Idempotent: running it "
        "again updates the demo objects instead of duplicating them. Refuses to run "
        "unless DJANGO_DEBUG is on, so the demo account never reaches a real site."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "load_demo only runs with DJANGO_DEBUG=1: it creates a staff account "
                "with a published password."
            )
        counts = releases_demo.load()
        counts.update(contacts_demo.load())
        self._create_demo_user()
        self._create_role_users()
        summary = ", ".join(f"{name}: {count}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {summary}."))
        self.stdout.write(
            f"Admin: http://127.0.0.1:{os.environ.get('PORT', '8000')}/admin/  "
            f"user: {DEMO_USERNAME}  password: {DEMO_PASSWORD}"
        )
        self.stdout.write(f"Role accounts (same password): {', '.join(DEMO_ROLE_ACCOUNTS)}")

    def _create_demo_user(self):
        user, _created = get_user_model().objects.get_or_create(
            username=DEMO_USERNAME,
            defaults={"email": "demo@example.org", "is_staff": True, "is_superuser": True},
        )
        user.set_password(DEMO_PASSWORD)
        user.save()

    def _create_role_users(self):
        groups = {group.name: group for group in grant_role_permissions(create_groups=True)}
        for username, role in DEMO_ROLE_ACCOUNTS.items():
            user, _created = get_user_model().objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org", "is_staff": True}
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.add(groups[role])
