"""Feeds, calendars, vCards and JSON-LD stay valid whatever text the
database holds: cleaned on save, and cleaned again at output for rows saved
before the cleaning existed or written with QuerySet.update()."""

import re

import feedparser
import icalendar
import pytest
import vobject
from django.urls import reverse
from django.utils import translation

from contacts.models import ContactPoint, Office
from releases.models import Event, Release, Speaker
from tests.contacts.factories import ContactPointFactory, OfficeFactory
from tests.discovery.helpers import jsonld
from tests.factories import EventFactory, ReleaseFactory, SpeakerFactory, TopicFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ru", "hi"]
# What XML 1.0, iCalendar and vCard allow nowhere.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FEEDS = [
    ("releases:feed-atom", None),
    ("releases:feed-rss", None),
    ("releases:speaker-feed-atom", "speaker"),
    ("releases:speaker-feed-rss", "speaker"),
    ("releases:topic-feed-atom", "topic"),
    ("releases:topic-feed-rss", "topic"),
    ("releases:event-feed-atom", "event"),
    ("releases:event-feed-rss", "event"),
]


@pytest.fixture
def release():
    """A public release with a speaker, a topic and an event: on every feed."""
    return ReleaseFactory(
        published=True,
        speakers=[SpeakerFactory(slug="lavrov")],
        topics=[TopicFactory(slug="trade")],
        event=EventFactory(published=True, slug="talks"),
    )


def every_feed(client):
    slugs = {"speaker": "lavrov", "topic": "trade", "event": "talks"}
    for language in LANGUAGES:
        for name, scope in FEEDS:
            with translation.override(language):
                path = reverse(name, kwargs={"slug": slugs[scope]} if scope else {})
            response = client.get(path)
            assert response.status_code == 200, path
            yield path, feedparser.parse(response.content)


def test_a_soft_line_break_in_a_title_keeps_every_feed_working(client, release):
    """Word pastes a soft line break as a vertical tab, which XML forbids."""
    release.title_en = "Visit\x0bof the Minister"
    release.title_ru = "Визит\x0bминистра"
    release.title_hi = "मंत्री\x0bकी यात्रा"
    release.save()
    titles = {"en": "Visit of the Minister", "ru": "Визит министра", "hi": "मंत्री की यात्रा"}

    for path, feed in every_feed(client):
        assert feed.bozo == 0, (path, feed.get("bozo_exception"))
        assert feed.entries[0].title == titles[path[1:3]], path


def test_feeds_survive_control_characters_already_in_the_database(client, release):
    Release.objects.filter(pk=release.pk).update(
        title_en="Visit\x0bof the Minister",
        summary_en="Talks\x01 on trade",
        body_en="<p>Text\x0c\x1b</p>",
    )
    Speaker.objects.update(name_en="Sergey\x0bLavrov")

    for path, feed in every_feed(client):
        assert feed.bozo == 0, (path, feed.get("bozo_exception"))
        assert feed.entries[0].title == "Visit\nof the Minister", path


def calendar_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    body = response.content.decode()
    assert not CONTROL.search(body), path
    return icalendar.Calendar.from_ical(body)


def event_calendars(event):
    for language in LANGUAGES:
        with translation.override(language):
            yield reverse("releases:event-ics", kwargs={"slug": event.slug})
            yield reverse("releases:events-calendar")


def test_a_line_break_in_an_event_title_keeps_its_calendar_working(client):
    event = EventFactory(published=True, title_en="Talks\nin Moscow", title_ru="Переговоры\r\n")

    for path in event_calendars(event):
        (component,) = calendar_of(client, path).walk("VEVENT")
        expected = "Переговоры " if path.startswith("/ru/") else "Talks in Moscow"
        assert component["SUMMARY"] == expected, path


def test_calendars_escape_text_already_in_the_database(client):
    """The library escapes and folds every value, the calendar's name
    included: a stored line break cannot start a forged line."""
    event = EventFactory(published=True)
    title = "Talks\nATTENDEE:mailto:someone@example.org\n; day 1, \\ end" + "x" * 80
    Event.objects.filter(pk=event.pk).update(title_en=title, venue_en="Hall\x0b2\x01")

    for path in event_calendars(event):
        calendar = calendar_of(client, path)
        (component,) = calendar.walk("VEVENT")
        assert component["SUMMARY"] == title, path
        assert component["LOCATION"] == "Hall 2, New Delhi", path
        assert "ATTENDEE" not in component, path


def test_the_vcard_survives_control_characters_already_in_the_database(client):
    office = OfficeFactory(slug="embassy")
    contact = ContactPointFactory(office=office)
    Office.objects.filter(pk=office.pk).update(name_en="Embassy\x0bof Russia\x01")
    ContactPoint.objects.filter(pk=contact.pk).update(label_en="Switch\x1fboard\nEMAIL:x@y.z")

    response = client.get(reverse("contacts:vcard", kwargs={"slug": "embassy"}))

    assert response.status_code == 200
    assert not CONTROL.search(response.content.decode())
    card = vobject.readOne(response.content.decode())
    assert card.fn.value == "Embassy of Russia"
    assert card.contents["x-ablabel"][0].value == "Switchboard\nEMAIL:x@y.z"
    assert "email" not in card.contents


def test_json_ld_holds_no_control_characters_from_the_database(client):
    release = ReleaseFactory(published=True)
    Release.objects.filter(pk=release.pk).update(
        title_en="Visit\x0bof the Minister", summary_en="Talks\x01 on trade"
    )

    response = client.get(release.get_absolute_url())

    (data,) = jsonld(response)
    assert (data["name"], data["description"]) == ("Visit\nof the Minister", "Talks on trade")
