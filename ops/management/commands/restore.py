"""manage.py restore FOLDER [--verify]: a backup into an empty database and
an empty uploads folder, then (with --verify) compared with its manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops import backup


class Command(BaseCommand):
    help = "Restore a backup of `manage.py backup` into an empty database and storage."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="one backup: the folder holding manifest.json")
        parser.add_argument(
            "--verify",
            action="store_true",
            help="compare row counts and upload checksums with the manifest afterwards",
        )

    def handle(self, folder, verify, **options):
        folder = Path(folder)
        try:
            manifest = backup.read_manifest(folder)
        except (OSError, ValueError):
            raise CommandError(f"{folder} holds no readable {backup.MANIFEST}.") from None
        if damaged := backup.damaged_files(folder, manifest):
            raise CommandError(f"The backup is damaged (checksums differ): {', '.join(damaged)}")
        self.check_empty(manifest)
        try:
            backup.restore_database(folder, manifest)
        except NotImplementedError as error:
            raise CommandError(str(error)) from None
        backup.restore_media(folder, manifest)
        self.stdout.write(f"Restored {folder}")
        if verify:
            self.verify(manifest)

    def check_empty(self, manifest):
        # Restoring over live data would mix two sites' rows: refuse.
        if not backup.database_is_empty():
            raise CommandError("The database is not empty: restore into a new, empty one.")
        if manifest["media"]["archive"] and backup.media_listing():
            raise CommandError("The uploads folder is not empty: restore into an empty one.")

    def verify(self, manifest):
        problems = backup.differences(
            manifest, backup.restored_row_counts(), backup.media_listing()
        )
        if problems:
            raise CommandError("Verification failed:\n" + "\n".join(problems))
        rows = sum(manifest["database"]["row_counts"].values())
        self.stdout.write(
            f"Verified: {rows} rows and {len(manifest['media']['files'])} uploads as in the backup"
        )
