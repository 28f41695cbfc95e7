"""Nothing the public may not see leaks through a discovery output: a draft
and a release scheduled for tomorrow are in no search result, feed, calendar
or sitemap, even when they share the speaker, topic, event and words of a
public release."""

import datetime

import feedparser
import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from releases.models import PublicationStatus
from tests.factories import EventFactory, ReleaseFactory, SpeakerFactory, TopicFactory

from .helpers import by_class, parse_html

pytestmark = pytest.mark.django_db

WORD = "Tirupati"


@pytest.fixture
def content():
    speaker, topic = SpeakerFactory(), TopicFactory()
    event = EventFactory(published=True, title_en=f"{WORD} festival")
    shared = {"speakers": [speaker], "topics": [topic], "event": event}
    return {
        "speaker": speaker,
        "topic": topic,
        "event": event,
        "public": ReleaseFactory(published=True, title_en=f"Public {WORD}", **shared),
        "hidden": [
            ReleaseFactory(title_en=f"Draft {WORD}", **shared),
            ReleaseFactory(scheduled=True, title_en=f"Scheduled {WORD}", **shared),
        ],
        "hidden_events": [
            EventFactory(title_en=f"Draft {WORD} event"),
            EventFactory(
                status=PublicationStatus.PUBLISHED,
                published_at=timezone.now() + datetime.timedelta(days=1),
                title_en=f"Scheduled {WORD} event",
            ),
        ],
    }


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"releases:{name}", kwargs=kwargs)


@pytest.mark.parametrize("language", ["en", "ru", "hi"])
def test_search_finds_only_the_public_release(client, content, language):
    response = client.get(url("search", language), {"q": WORD})

    titles = [
        a.text_content().strip()
        for title in by_class(parse_html(response), "card-title")
        for a in title.xpath(".//a")
    ]
    assert titles == [f"Public {WORD}"]


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_every_feed_holds_only_the_public_release(client, content, kind):
    addresses = [
        url(f"feed-{kind}"),
        url(f"feed-{kind}") + f"?q={WORD}",
        url(f"speaker-feed-{kind}", slug=content["speaker"].slug),
        url(f"topic-feed-{kind}", slug=content["topic"].slug),
        url(f"event-feed-{kind}", slug=content["event"].slug),
    ]
    for address in addresses:
        parsed = feedparser.parse(client.get(address).content)
        assert [entry.title for entry in parsed.entries] == [f"Public {WORD}"], address


def test_calendars_hold_only_public_events(client, content):
    parsed = icalendar.Calendar.from_ical(client.get(url("events-calendar")).content)

    assert [str(component["SUMMARY"]) for component in parsed.events] == [f"{WORD} festival"]
    for event in content["hidden_events"]:
        assert client.get(url("event-ics", slug=event.slug)).status_code == 404


def test_the_sitemap_lists_only_public_pages(client, content):
    listed = b"".join(
        client.get(f"/sitemap-{name}.xml").content
        for name in ("releases", "events", "speakers", "topics")
    ).decode()

    assert content["public"].get_absolute_url() in listed
    for release in content["hidden"]:
        assert release.get_absolute_url() not in listed
    for event in content["hidden_events"]:
        assert event.get_absolute_url() not in listed
