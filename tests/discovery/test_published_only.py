"""Nothing the public may not see leaks through a discovery output. A release
or event in any state but published-and-live (a draft, one in review, one
scheduled for tomorrow, a withdrawn one, an unpublished one, one whose end of
publication has passed) is in no search result, feed, calendar or sitemap,
even when it shares the speaker, topic, event and words of a public release.
A withdrawn item keeps its own page (tests/workflow/test_public_states.py)."""

import feedparser
import icalendar
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories import (
    UNLISTED_STATES,
    EventFactory,
    EventParticipantFactory,
    ReleaseFactory,
    SpeakerFactory,
    TopicFactory,
)

from .helpers import by_class, jsonld, parse_html

LANGUAGES = [code for code, _name in settings.LANGUAGES]

pytestmark = pytest.mark.django_db

WORD = "Tirupati"


@pytest.fixture(params=UNLISTED_STATES)
def state(request):
    return request.param


@pytest.fixture
def content(state):
    traits = UNLISTED_STATES[state]
    speaker, topic = SpeakerFactory(), TopicFactory()
    # Found only through the hidden release: must not be listed anywhere.
    loner, lonely_topic = SpeakerFactory(slug="loner"), TopicFactory(slug="lonely")
    event = EventFactory(published=True, title_en=f"{WORD} festival")
    shared = {"topics": [topic, lonely_topic], "event": event}
    hidden_event = EventFactory(title_en=f"Hidden {WORD} event", slug="hidden-event", **traits)
    EventParticipantFactory(event=hidden_event, speaker=speaker)
    return {
        "speaker": speaker,
        "loner": loner,
        "topic": topic,
        "lonely_topic": lonely_topic,
        "event": event,
        "public": ReleaseFactory(
            published=True, title_en=f"Public {WORD}", speakers=[speaker], topics=[topic]
        ),
        "hidden": ReleaseFactory(
            title_en=f"Hidden {WORD}", speakers=[speaker, loner], **shared, **traits
        ),
        "hidden_event": hidden_event,
        # A public release about the hidden event.
        "about_hidden_event": ReleaseFactory(
            published=True, title_en=f"About {WORD}", event=hidden_event
        ),
    }


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"releases:{name}", kwargs=kwargs)


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_finds_only_the_public_releases(client, content, language):
    response = client.get(url("search", language), {"q": WORD})

    titles = [
        a.text_content().strip()
        for title in by_class(parse_html(response), "card-title")
        for a in title.xpath(".//a")
    ]
    assert sorted(titles) == [f"About {WORD}", f"Public {WORD}"]


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_every_feed_holds_only_the_public_releases(client, content, kind):
    addresses = [
        url(f"feed-{kind}"),
        url(f"feed-{kind}") + f"?q={WORD}",
        url(f"speaker-feed-{kind}", slug=content["speaker"].slug),
        url(f"topic-feed-{kind}", slug=content["topic"].slug),
    ]
    for address in addresses:
        parsed = feedparser.parse(client.get(address).content)
        titles = {entry.title for entry in parsed.entries}
        assert f"Hidden {WORD}" not in titles, address
        assert f"Public {WORD}" in titles, address
    for empty in (
        url(f"event-feed-{kind}", slug=content["event"].slug),
        url(f"speaker-feed-{kind}", slug="loner"),
        url(f"topic-feed-{kind}", slug="lonely"),
    ):
        assert feedparser.parse(client.get(empty).content).entries == [], empty


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_the_feed_of_a_hidden_event_follows_its_page(client, content, state, kind):
    """A withdrawn event keeps its page, which lists its public releases, and
    so its feed; any other hidden event has neither."""
    response = client.get(url(f"event-feed-{kind}", slug="hidden-event"))

    if state == "withdrawn":
        titles = [entry.title for entry in feedparser.parse(response.content).entries]
        assert titles == [f"About {WORD}"]
    else:
        assert response.status_code == 404


def test_calendars_hold_only_public_events(client, content):
    for address in (url("events-calendar"), url("events-calendar") + "?kind=other"):
        parsed = icalendar.Calendar.from_ical(client.get(address).content)
        assert [str(component["SUMMARY"]) for component in parsed.events] == [f"{WORD} festival"]
    assert client.get(url("event-ics", slug="hidden-event")).status_code == 404


def test_the_sitemap_lists_only_public_pages(client, content):
    listed = b"".join(
        client.get(f"/sitemap-{name}.xml").content
        for name in ("pages", "releases", "events", "speakers", "topics")
    ).decode()

    assert content["public"].get_absolute_url() in listed
    assert content["speaker"].get_absolute_url() in listed
    for hidden in ("hidden", "hidden_event", "loner", "lonely_topic"):
        assert content[hidden].get_absolute_url() not in listed, hidden


def test_the_public_release_of_a_hidden_event_does_not_name_it(client, content, state):
    response = client.get(content["about_hidden_event"].get_absolute_url())

    named = f"Hidden {WORD} event" in response.text
    # A withdrawn event's page still opens, so the release may link it.
    assert named == (state == "withdrawn")
    (data,) = jsonld(response)
    assert "about" not in data


def test_pages_and_counts_leave_out_the_hidden_items(client, content):
    pages = [
        reverse("home"),
        reverse("releases:index"),
        reverse("releases:speakers"),
        reverse("releases:events"),
        content["speaker"].get_absolute_url(),
        content["topic"].get_absolute_url(),
        content["event"].get_absolute_url(),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert f"Hidden {WORD}" not in response.text, page

    speakers = client.get(reverse("releases:speakers")).context["object_list"]
    assert {speaker.slug: speaker.release_count for speaker in speakers} == {
        content["speaker"].slug: 1
    }
    assert client.get(reverse("releases:index")).context["paginator"].count == 2
    assert client.get(content["event"].get_absolute_url()).context["paginator"].count == 0
