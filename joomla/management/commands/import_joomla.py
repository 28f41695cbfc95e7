"""manage.py import_joomla: see README.md, "Moving from Joomla"."""

import json
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from joomla.importer import run_import
from joomla.mapping import Mapping, MappingError
from joomla.source import JoomlaSource, SourceError


class Progress:
    """A progress bar with counts and the time left, on a terminal; one
    line per stage otherwise (a log file gets no carriage returns)."""

    WIDTH = 30

    def __init__(self, stream):
        self.stream = stream
        self.interactive = stream.isatty()
        self.stage, self.started = None, 0.0

    def __call__(self, stage, done, total):
        if stage != self.stage:
            self.finish()
            self.stage, self.started = stage, time.monotonic()
        if self.interactive:
            filled = self.WIDTH * done // max(total, 1)
            elapsed = time.monotonic() - self.started
            left = elapsed / done * (total - done) if done else 0
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            self.stream.write(f"\r{stage:<11} [{bar}] {done}/{total}  ETA {left:4.0f}s")
            self.stream.flush()
        elif done == total:
            self.stream.write(f"{stage}: {total}\n")

    def finish(self):
        if self.interactive and self.stage is not None:
            self.stream.write("\n")
        self.stage = None


class Command(BaseCommand):
    help = (
        "Import a Joomla 3, 4 or 5 site (articles, categories, tags, languages, images, "
        "contacts) and redirect its old addresses. Reads the Joomla database read-only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--database",
            required=True,
            help="mysql://USER:PASS@HOST:PORT/DBNAME of the Joomla site",
        )
        parser.add_argument("--prefix", help="table prefix, e.g. jos_ (found by itself if unique)")
        parser.add_argument("--images", help="the Joomla root folder (the one holding images/)")
        parser.add_argument(
            "--old-site",
            action="append",
            metavar="URL",
            help="the old site's address, e.g. https://www.embassy.example (repeat for "
            "several): full links and image addresses to it count as its own",
        )
        parser.add_argument("--map", help="a TOML file mapping categories to kinds and topics")
        parser.add_argument(
            "--dry-run", action="store_true", help="do everything but save; same report"
        )
        parser.add_argument("--report", help="also write the full report to this JSON file")

    def handle(self, *args, **options):
        try:
            mapping = Mapping.load(options["map"])
            progress = Progress(sys.stderr) if options["verbosity"] else None
            with JoomlaSource(options["database"], options["prefix"]) as source:
                report = run_import(
                    source,
                    mapping=mapping,
                    images_root=options["images"],
                    old_sites=options["old_site"] or (),
                    dry_run=options["dry_run"],
                    progress=progress,
                )
            if progress:
                progress.finish()
        except (SourceError, MappingError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write("\n".join(report.summary_lines()))
        if options["report"]:
            with open(options["report"], "w", encoding="utf-8") as file:
                json.dump(report.as_dict(), file, ensure_ascii=False, indent=2)
            self.stdout.write(f"Report written to {options['report']}")
