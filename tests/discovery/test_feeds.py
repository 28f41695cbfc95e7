"""Atom and RSS feeds: they parse cleanly (feedparser), have the structure
the specifications require (lxml), and follow the list page's filters."""

import datetime
import email.utils

import feedparser
import lxml.html
import pytest
from django.urls import reverse
from django.utils import timezone, translation
from lxml import etree

from releases.discovery.feeds import FEED_ITEMS
from releases.models import ChangeNote, Release, ReleaseKind
from tests.factories import EventFactory, ReleaseFactory, SpeakerFactory, TopicFactory

from .helpers import parse_html

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"releases:{name}", kwargs=kwargs)


def fetch(client, address, **params):
    response = client.get(address, params)
    assert response.status_code == 200, response.content[:500]
    return response


def parse(response):
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


def rfc3339(text):
    return datetime.datetime.fromisoformat(text)


def validate_atom(response):
    """RFC 4287: the feed and each entry have exactly one id, title and
    updated; every entry has an author (its own or the feed's)."""
    assert response["Content-Type"].startswith("application/atom+xml")
    root = etree.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for element in (root, *root.findall(f"{ATOM}entry")):
        for required in ("id", "title", "updated"):
            assert len(element.findall(f"{ATOM}{required}")) == 1, required
        rfc3339(element.findtext(f"{ATOM}updated"))
    assert root.findall(f"{ATOM}author")
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    return root


def validate_rss(response):
    """RSS 2.0: a channel with title, link and description; each item with a
    title or description, a guid and an RFC 822 pubDate."""
    assert response["Content-Type"].startswith("application/rss+xml")
    root = etree.fromstring(response.content)
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    (channel,) = root.findall("channel")
    for required in ("title", "link", "description"):
        assert channel.findtext(required)
    for item in channel.findall("item"):
        assert item.findtext("title") or item.findtext("description")
        assert item.findtext("guid")
        email.utils.parsedate_to_datetime(item.findtext("pubDate"))
    return root


@pytest.fixture
def speech():
    minister = SpeakerFactory(name_en="Sergey Lavrov", slug="sergey-lavrov")
    ambassador = SpeakerFactory(name_en="Denis Alipov", slug="denis-alipov")
    return ReleaseFactory(
        published=True,
        kind=ReleaseKind.SPEECH,
        title_en="Remarks at the Raisina Dialogue",
        title_ru="Выступление на «Диалоге Райсина»",
        summary_en="On multipolarity & trade.",
        body_en='<p>Dear friends,</p><script>alert("x")</script><p><strong>Thank you.</strong></p>',
        speakers=[minister, ambassador],
        topics=[TopicFactory(name_en="BRICS")],
    )


def test_atom_feed_parses_and_validates(client, speech):
    response = fetch(client, url("feed-atom"))

    root = validate_atom(response)
    parsed = parse(response)
    assert parsed.version == "atom10"
    assert root.get(XML_LANG) == "en"
    assert [entry.title for entry in parsed.entries] == ["Remarks at the Raisina Dialogue"]


def test_rss_feed_parses_and_validates(client, speech):
    response = fetch(client, url("feed-rss"))

    root = validate_rss(response)
    parsed = parse(response)
    assert parsed.version == "rss20"
    assert root.findtext("channel/language") == "en"
    assert [entry.title for entry in parsed.entries] == ["Remarks at the Raisina Dialogue"]


def test_atom_entries_carry_the_full_sanitised_text_speakers_and_topics(client, speech):
    (entry,) = parse(fetch(client, url("feed-atom"))).entries

    content = entry.content[0]
    assert content.type == "text/html"
    assert "<strong>Thank you.</strong>" in content.value
    assert "<script" not in content.value
    # The summary is HTML (type="html"): plain text arrives escaped.
    assert entry.summary == "On multipolarity &amp; trade."
    assert [author.name for author in entry.authors] == ["Sergey Lavrov", "Denis Alipov"]
    assert entry.authors[0].href == "http://testserver/en/speakers/sergey-lavrov/"
    assert {tag.term for tag in entry.tags} == {"Speech or remarks", "BRICS"}
    assert entry.link == f"http://testserver{speech.get_absolute_url()}"


def test_rss_items_carry_the_full_sanitised_text_speakers_and_topics(client, speech):
    response = fetch(client, url("feed-rss"))

    (entry,) = parse(response).entries
    assert "<strong>Thank you.</strong>" in entry.description
    assert "<script" not in entry.description
    (item,) = etree.fromstring(response.content).findall("channel/item")
    assert [creator.text for creator in item.findall(DC_CREATOR)] == [
        "Sergey Lavrov",
        "Denis Alipov",
    ]
    assert {category.text for category in item.findall("category")} == {
        "Speech or remarks",
        "BRICS",
    }


def atom_entry(client, language="en"):
    (entry,) = etree.fromstring(fetch(client, url("feed-atom", language)).content).findall(
        f"{ATOM}entry"
    )
    return entry


def test_a_minor_edit_leaves_the_updated_time_alone(client):
    published_at = timezone.now() - datetime.timedelta(days=3)
    release = ReleaseFactory(published=True, published_at=published_at)
    # A typo fixed a day later: no change note, so readers are not told again.
    Release.objects.filter(pk=release.pk).update(
        updated_at=published_at + datetime.timedelta(days=1)
    )

    entry = atom_entry(client)

    assert rfc3339(entry.findtext(f"{ATOM}published")) == published_at
    assert rfc3339(entry.findtext(f"{ATOM}updated")) == published_at


def test_a_change_note_sets_the_updated_time_of_the_entry_and_the_feed(client):
    published_at = timezone.now() - datetime.timedelta(days=3)
    release = ReleaseFactory(published=True, published_at=published_at)
    noted = published_at + datetime.timedelta(days=2)
    ChangeNote.objects.create(release=release, note_en="Corrected a date.", created_at=noted)
    ChangeNote.objects.create(
        release=release, note_en="Added a quote.", created_at=noted - datetime.timedelta(days=1)
    )

    root = etree.fromstring(fetch(client, url("feed-atom")).content)

    assert rfc3339(root.find(f"{ATOM}entry").findtext(f"{ATOM}updated")) == noted
    assert rfc3339(root.findtext(f"{ATOM}updated")) == noted


def test_a_republished_release_keeps_its_first_publication_date(client):
    first = timezone.now() - datetime.timedelta(days=30)
    release = ReleaseFactory(published=True, published_at=first)
    release.published_at = timezone.now() - datetime.timedelta(hours=1)
    release.save()

    entry = atom_entry(client)

    assert rfc3339(entry.findtext(f"{ATOM}published")) == first
    assert rfc3339(entry.findtext(f"{ATOM}updated")) == release.published_at


@pytest.fixture
def corrected():
    release = ReleaseFactory(published=True, body_en="<p>The text.</p>")
    ChangeNote.objects.create(
        release=release,
        note_en="Corrected the <b>name</b> & title of the head of delegation.",
        note_ru="Исправлено имя главы делегации.",
        created_at=datetime.datetime(2018, 2, 12, 9, 0, tzinfo=datetime.UTC),
    )
    return release


def updates(html):
    """The items of the "Updates" list at the end of an entry's HTML."""
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    assert len(tree.xpath("./h2")) == 1
    return [li.text_content() for li in tree.xpath("./ul/li")]


def test_atom_entries_end_with_their_change_notes(client, corrected):
    (entry,) = parse(fetch(client, url("feed-atom"))).entries

    html = entry.content[0].value
    assert html.startswith("<p>The text.</p>")
    assert updates(html) == [
        "Updated 12 February 2018: Corrected the <b>name</b> & title of the head of delegation."
    ]
    assert "<b>" not in html


def test_rss_items_end_with_their_change_notes(client, corrected):
    (entry,) = parse(fetch(client, url("feed-rss"))).entries

    assert entry.description.startswith("<p>The text.</p>")
    assert updates(entry.description)[0].endswith("& title of the head of delegation.")


def test_change_notes_are_in_the_language_of_the_feed(client, corrected):
    (entry,) = parse(fetch(client, url("feed-atom", "ru"))).entries

    (note,) = updates(entry.content[0].value)
    assert note.endswith(": Исправлено имя главы делегации.")


def test_an_entry_without_a_body_still_lists_its_change_notes(client):
    release = ReleaseFactory(published=True, body_en=None)
    ChangeNote.objects.create(release=release, note_en="Added the date.")

    (atom,) = parse(fetch(client, url("feed-atom"))).entries
    (rss,) = parse(fetch(client, url("feed-rss"))).entries

    assert updates(atom.content[0].value)[0].endswith("Added the date.")
    assert updates(rss.description)[0].endswith("Added the date.")


def test_entries_without_change_notes_have_no_updates_list(client):
    ReleaseFactory(published=True, body_en="<p>The text.</p>")

    (entry,) = parse(fetch(client, url("feed-atom"))).entries

    assert entry.content[0].value == "<p>The text.</p>"


def test_an_item_edited_before_its_publication_time_is_updated_when_published(client):
    release = ReleaseFactory(published=True)
    Release.objects.filter(pk=release.pk).update(
        updated_at=release.published_at - datetime.timedelta(days=2)
    )

    (entry,) = etree.fromstring(fetch(client, url("feed-atom")).content).findall(f"{ATOM}entry")

    assert rfc3339(entry.findtext(f"{ATOM}updated")) == release.published_at


def test_ids_are_unique_per_language_and_survive_a_new_slug(client):
    first, _second = ReleaseFactory.create_batch(2, published=True)

    def ids(language="en"):
        entries = parse(fetch(client, url("feed-atom", language))).entries
        return {entry.title: entry.id for entry in entries}

    before = ids()
    first.slug = "corrected-slug"
    first.save()

    assert len(set(before.values())) == 2
    assert ids() == before
    assert set(ids("ru").values()).isdisjoint(before.values())


def test_a_russian_feed_is_in_russian(client, speech):
    response = fetch(client, url("feed-atom", "ru"))

    root = validate_atom(response)
    assert root.get(XML_LANG) == "ru"
    assert parse(response).entries[0].title == "Выступление на «Диалоге Райсина»"
    assert "/ru/releases/" in parse(response).entries[0].link
    assert etree.fromstring(fetch(client, url("feed-rss", "ru")).content).findtext(
        "channel/language"
    ) == ("ru")


def test_feeds_hold_the_latest_releases_newest_first(client):
    now = timezone.now()
    for days in range(FEED_ITEMS + 3):
        ReleaseFactory(
            published=True,
            title_en=f"Day {days}",
            published_at=now - datetime.timedelta(days=days + 1),
        )

    titles = [entry.title for entry in parse(fetch(client, url("feed-atom"))).entries]

    assert titles == [f"Day {days}" for days in range(FEED_ITEMS)]


@pytest.fixture
def assorted():
    """One release matching each filter, and one matching none."""
    speaker, topic, event = SpeakerFactory(), TopicFactory(), EventFactory(published=True)
    return {
        "kind": ReleaseFactory(published=True, kind=ReleaseKind.INTERVIEW),
        "speaker": ReleaseFactory(published=True, speakers=[speaker]),
        "topic": ReleaseFactory(published=True, topics=[topic]),
        "event": ReleaseFactory(published=True, event=event),
        "year": ReleaseFactory(published=True, date=datetime.date(2016, 3, 1)),
        "q": ReleaseFactory(published=True, title_en="Zanzibar delegation"),
        "none": ReleaseFactory(published=True),
    }


def filter_value(name, release):
    return {
        "kind": lambda: release.kind,
        "speaker": lambda: release.speakers.get().slug,
        "topic": lambda: release.topics.get().slug,
        "event": lambda: release.event.slug,
        "year": lambda: str(release.date.year),
        "q": lambda: "zanzibar",
    }[name]()


@pytest.mark.parametrize("name", ["kind", "speaker", "topic", "event", "year", "q"])
@pytest.mark.parametrize("feed", ["feed-atom", "feed-rss"])
def test_the_list_filters_narrow_the_feed(client, assorted, name, feed):
    release = assorted[name]

    response = fetch(client, url(feed), **{name: filter_value(name, release)})

    assert [entry.title for entry in parse(response).entries] == [release.title]


def test_a_filtered_feed_says_what_it_holds_and_links_its_page(client, assorted):
    response = fetch(client, url("feed-atom"), kind="interview", q="zanzibar")

    parsed = parse(response)
    assert "Interview" in parsed.feed.title
    assert "zanzibar" in parsed.feed.title
    assert parsed.feed.link == "http://testserver/en/releases/?kind=interview&q=zanzibar"
    self_link = etree.fromstring(response.content).find(f"{ATOM}link[@rel='self']")
    assert (
        self_link.get("href")
        == "http://testserver/en/releases/feed/atom/?kind=interview&q=zanzibar"
    )


def test_an_unknown_filter_value_is_ignored(client, assorted):
    response = fetch(client, url("feed-rss"), speaker="nobody", year="1066")

    assert len(parse(response).entries) == len(assorted)


@pytest.mark.parametrize(
    ("name", "key"), [("speaker", "speaker"), ("topic", "topic"), ("event", "event")]
)
def test_each_speaker_topic_and_event_has_its_feeds(client, assorted, name, key):
    release = assorted[key]
    slug = filter_value(key, release)

    for kind, validate in (("atom", validate_atom), ("rss", validate_rss)):
        response = fetch(client, url(f"{name}-feed-{kind}", slug=slug))
        validate(response)
        assert [entry.title for entry in parse(response).entries] == [release.title]


def test_an_object_feed_takes_the_list_filters_too(client):
    speaker = SpeakerFactory(name_en="Sergey Lavrov")
    ReleaseFactory(published=True, kind=ReleaseKind.SPEECH, title_en="A speech", speakers=[speaker])
    ReleaseFactory(published=True, kind=ReleaseKind.INTERVIEW, speakers=[speaker])

    response = fetch(client, url("speaker-feed-atom", "ru", slug=speaker.slug), kind="speech")

    parsed = parse(response)
    assert [entry.title for entry in parsed.entries] == ["A speech"]
    assert "Sergey Lavrov" in parsed.feed.title


def test_feeds_of_unknown_or_unpublished_objects_are_not_found(client):
    draft_event = EventFactory()

    assert client.get(url("speaker-feed-atom", slug="nobody")).status_code == 404
    assert client.get(url("topic-feed-rss", slug="nothing")).status_code == 404
    assert client.get(url("event-feed-atom", slug=draft_event.slug)).status_code == 404


def feed_links(response):
    page = parse_html(response)
    head = {
        link.get("type"): link.get("href")
        for link in page.xpath("//head/link[@rel='alternate'][@type]")
    }
    body = {a.get("type"): a.get("href") for a in page.xpath("//main//a[@type]")}
    return head, body


def test_the_release_list_links_the_feeds_of_its_filters(client, assorted):
    response = client.get(url("index"), {"kind": "interview", "page": "1", "utm_source": "x"})

    head, body = feed_links(response)
    assert head["application/atom+xml"] == "/en/releases/feed/atom/?kind=interview"
    assert head["application/rss+xml"] == "/en/releases/feed/rss/?kind=interview"
    assert body == head


@pytest.mark.parametrize("name", ["speaker", "topic", "event"])
def test_speaker_topic_and_event_pages_link_their_feeds(client, assorted, name):
    slug = filter_value(name, assorted[name])

    head, body = feed_links(client.get(url(name, "ru", slug=slug)))

    assert head["application/atom+xml"] == url(f"{name}-feed-atom", "ru", slug=slug)
    assert head["application/rss+xml"] == url(f"{name}-feed-rss", "ru", slug=slug)
    assert body["application/atom+xml"] == head["application/atom+xml"]


def test_a_search_links_the_feed_of_its_results(client, assorted):
    head, body = feed_links(client.get(url("search"), {"q": "zanzibar"}))

    assert head["application/atom+xml"] == "/en/releases/feed/atom/?q=zanzibar"
    assert body["application/rss+xml"] == "/en/releases/feed/rss/?q=zanzibar"


def test_other_pages_advertise_the_feed_of_all_releases(client):
    head, _body = feed_links(client.get("/en/contacts/", {"kind": "speech"}))

    assert head["application/atom+xml"] == "/en/releases/feed/atom/"


def test_titles_with_markup_characters_arrive_as_written(client):
    ReleaseFactory(published=True, title_en="Tea & <coffee> talks")

    for feed in ("feed-atom", "feed-rss"):
        assert parse(fetch(client, url(feed))).entries[0].title == "Tea & <coffee> talks"


def test_a_year_page_links_the_feed_of_its_year(client, assorted):
    response = client.get(url("year", year=2016))

    head, body = feed_links(response)
    assert head["application/atom+xml"] == "/en/releases/feed/atom/?year=2016"
    assert body["application/rss+xml"] == "/en/releases/feed/rss/?year=2016"
    entries = parse(fetch(client, head["application/atom+xml"])).entries
    assert [entry.title for entry in entries] == [assorted["year"].title]


def test_feed_queries_do_not_grow_with_the_number_of_entries(client, count_queries):
    def add(count):
        speaker, topic = SpeakerFactory(), TopicFactory()
        for release in ReleaseFactory.create_batch(
            count, published=True, speakers=[speaker], topics=[topic]
        ):
            ChangeNote.objects.create(release=release, note_en="Corrected a name.")
            ChangeNote.objects.create(release=release, note_en="Added a quote.")

    add(2)
    few = count_queries(lambda: fetch(client, url("feed-atom")))
    add(6)

    assert count_queries(lambda: fetch(client, url("feed-atom"))) == few
