import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts import demo as accounts_demo
from demo import contacts as contacts_demo
from demo import releases as releases_demo
from demo import services as services_demo
from releases.workflow.roles import EDITOR, PUBLISHER, grant_role_permissions

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-embassy"  # noqa: S105 - a published demo credential, DEBUG only
# One account per role, to try the workflow (same password).
DEMO_ROLE_ACCOUNTS = {"demo-editor": EDITOR, "demo-publisher": PUBLISHER}


class Command(BaseCommand):
    help = (
        "Add the demo content and the demo staff accounts. Safe to run again: it adds "
        "only what is missing and never changes what exists, so edits, withdrawals and "
        "logged-in sessions survive. Refuses to run unless DJANGO_DEBUG is on, so the "
        "demo accounts never reach a real site."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "load_demo only runs with DJANGO_DEBUG=1: it creates a staff account "
                "with a published password."
            )
        counts = releases_demo.load()
        counts.update(contacts_demo.load())
        counts.update(services_demo.load())
        counts["staff accounts"] = self._add_demo_users()
        summary = ", ".join(f"{name}: {count}" for name, count in counts.items())
        self.stdout.write(
            self.style.SUCCESS(f"Demo content added (what existed is kept): {summary}.")
        )
        self.stdout.write(
            f"Admin: http://127.0.0.1:{os.environ.get('PORT', '8000')}/admin/  "
            f"user: {DEMO_USERNAME}  password: {DEMO_PASSWORD}"
        )
        self.stdout.write(f"Role accounts (same password): {', '.join(DEMO_ROLE_ACCOUNTS)}")
        self.stdout.write(
            f"Second factor of every demo account: TOTP secret {accounts_demo.DEMO_TOTP_SECRET} "
            f"(current code: {accounts_demo.current_demo_code()})"
        )

    def _add_demo_users(self):
        """Create the demo accounts that are missing. An existing one keeps its
        password (setting it again would end its sessions) and its groups."""
        groups = {group.name: group for group in grant_role_permissions(create_groups=True)}
        accounts = [(DEMO_USERNAME, {"is_superuser": True}, None)] + [
            (username, {}, groups[role]) for username, role in DEMO_ROLE_ACCOUNTS.items()
        ]
        added = 0
        for username, flags, group in accounts:
            user, created = get_user_model().objects.get_or_create(
                username=username,
                defaults={"email": f"{username}@example.org", "is_staff": True, **flags},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
                if group is not None:
                    user.groups.add(group)
                added += 1
            accounts_demo.give_demo_device(user)
        return added
