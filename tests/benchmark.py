"""Speed and memory of the public pages, printed as figures.

    make benchmark                       # SQLite, 2,000 releases
    DATABASE_URL=postgres://... make benchmark
    .venv/bin/python -m tests.benchmark --releases 5000 --repeat 30

It builds a throwaway test database, fills it with a realistic newsroom
(releases with speakers, topics and events), then requests each public page
type repeatedly through Django's full request cycle and prints, per page:
the median and 95th-percentile time, the number of database queries, the
HTML size, and finally the process's peak memory. It asserts nothing: timing
depends on the machine; compare figures before and after a change.
"""

import argparse
import datetime
import os
import resource
import statistics
import sys
import time


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()


def fill(releases):
    from tests.factories import (
        EventFactory,
        EventParticipantFactory,
        ReleaseFactory,
        SpeakerFactory,
        TopicFactory,
    )

    speakers = [SpeakerFactory() for _ in range(40)]
    topics = [TopicFactory() for _ in range(15)]
    events = [EventFactory(published=True) for _ in range(60)]
    for index, event in enumerate(events):
        for speaker in speakers[index % 30 : index % 30 + 3]:
            EventParticipantFactory(event=event, speaker=speaker)
    start = datetime.date(2012, 1, 1)
    for index in range(releases):
        ReleaseFactory(
            published=index % 10 != 0,  # one in ten stays a draft
            date=start + datetime.timedelta(days=index % 5000),
            speakers=[speakers[index % 40], speakers[(index + 1 + index % 13) % 40]],
            topics=[topics[index % 15]],
            event=events[index % 60] if index % 3 == 0 else None,
            body_en="<p>" + "The sides discussed bilateral cooperation. " * 60 + "</p>",
        )
    return speakers[0], events[0], topics[0]


def measure(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches and template loaders
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    return statistics.median(timings), p95, len(queries), len(response.content)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)

    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        started = time.perf_counter()
        speaker, event, topic = fill(args.releases)
        print(
            f"database: {connection.vendor}; {args.releases} releases made in "
            f"{time.perf_counter() - started:.1f} s"
        )
        from releases.models import Release

        release = Release.objects.published().first()
        pages = {
            "home": "/en/",
            "release list": "/en/releases/",
            "release list, filtered": f"/en/releases/?speaker={speaker.slug}&year=2013",
            "release list, page 50": "/en/releases/?page=50",
            "release": release.get_absolute_url(),
            "speakers": "/en/speakers/",
            "speaker": speaker.get_absolute_url(),
            "events": "/en/events/",
            "event": event.get_absolute_url(),
            "topic": topic.get_absolute_url(),
            "contacts": "/en/contacts/",
        }
        client = Client()
        print(f"{'page':28} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'HTML bytes':>11}")
        for name, url in pages.items():
            median, p95, queries, size = measure(client, url, args.repeat)
            print(f"{name:28} {median:10.1f} {p95:8.1f} {queries:8d} {size:11,d}")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory of this process: {peak:.0f} MiB")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    return 0


if __name__ == "__main__":
    sys.exit(main())
