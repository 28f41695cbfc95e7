"""manage.py backup FOLDER: one backup (see ops/backup.py) in FOLDER/<time>/."""

import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ops import backup


class Command(BaseCommand):
    help = "Back up the database and the uploads, with a manifest to verify a restore against."

    def add_arguments(self, parser):
        parser.add_argument("destination", help="folder that receives one sub-folder per backup")
        parser.add_argument(
            "--keep", type=int, default=0, help="delete all but the newest N backups (0: keep all)"
        )

    def handle(self, destination, keep, **options):
        root = Path(destination)
        folder = root / timezone.now().strftime("%Y%m%dT%H%M%SZ")
        try:
            folder.mkdir(parents=True)
        except FileExistsError:
            raise CommandError(f"{folder} exists already; wait a second and retry.") from None
        try:
            self.write(folder)
        except Exception:
            shutil.rmtree(folder)  # never leave a half backup that looks whole
            raise
        if keep:
            self.prune(root, keep)

    def write(self, folder):
        try:
            database_file, counts = backup.dump_database(folder)
        except NotImplementedError as error:
            raise CommandError(str(error)) from None
        listing = backup.media_listing()
        archive = backup.archive_media(folder, listing)
        backup.write_manifest(
            folder, database_file=database_file, counts=counts, listing=listing, archive=archive
        )
        self.stdout.write(
            f"Backup {folder}: {sum(counts.values())} rows in {len(counts)} tables, "
            f"{len(listing)} uploads"
        )

    def prune(self, root, keep):
        backups = sorted(p for p in root.iterdir() if (p / backup.MANIFEST).exists())
        for old in backups[:-keep]:
            shutil.rmtree(old)
            self.stdout.write(f"Deleted the old backup {old}")
