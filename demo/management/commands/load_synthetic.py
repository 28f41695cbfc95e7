import time

from django.core.management.base import BaseCommand, CommandError

from demo import synthetic
from releases.models import Release


class Command(BaseCommand):
    help = (
        "Fill an empty database with a large synthetic newsroom (bulk inserts), to "
        "measure speed at scale: 100,000 releases take a few minutes. Never for a real site."
    )

    def add_arguments(self, parser):
        parser.add_argument("--releases", type=int, default=100_000)
        parser.add_argument("--speakers", type=int, default=2_000)
        parser.add_argument("--events", type=int, default=5_000)

    def handle(self, *args, releases, speakers, events, **options):
        if Release.objects.exists():
            raise CommandError("The database already has releases: load into an empty one.")
        started = time.perf_counter()
        synthetic.load(
            releases=releases,
            speakers=speakers,
            events=events,
            log=lambda message: self.stdout.write(
                f"{time.perf_counter() - started:6.0f} s  {message}"
            ),
        )
        self.stdout.write(
            f"{releases} releases, {speakers} speakers, {events} events loaded in "
            f"{time.perf_counter() - started:.0f} s."
        )
