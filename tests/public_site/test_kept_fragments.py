"""Pieces of pages kept per content version ({% fragment %}, the neighbours
of a release) never show the public an old state, with the page cache off:
an edit shows on the next request, a scheduled release at its second."""

import datetime
import re
import zoneinfo

import pytest
from django.core.cache import cache

from releases.models import PublicationStatus, ReleaseKind
from tests.factories import (
    EventFactory,
    EventParticipantFactory,
    ReleaseFactory,
    SpeakerFactory,
    TopicFactory,
)
from tests.kept_pieces import kept_pieces_holding

pytestmark = pytest.mark.django_db(transaction=True)

KOLKATA = zoneinfo.ZoneInfo("Asia/Kolkata")


@pytest.fixture(autouse=True)
def schedules_worked_out(_fresh_caches, settings):
    settings.PAGE_CACHE = False
    cache.clear()  # the schedules are worked out for real


@pytest.fixture
def noon(clock):
    clock.set(datetime.datetime(2027, 1, 25, 12, 0, tzinfo=KOLKATA))
    return clock


def pages(speaker, release):
    return ["/en/", "/en/releases/", speaker.get_absolute_url(), release.get_absolute_url()]


def test_a_scheduled_release_shows_at_its_second_on_every_page(client, noon):
    speaker = SpeakerFactory()
    earlier = ReleaseFactory(
        published=True, speakers=[speaker], date=datetime.date(2027, 1, 20), title_en="Earlier"
    )
    goes_live = noon.now + datetime.timedelta(seconds=90)
    ReleaseFactory(
        status=PublicationStatus.PUBLISHED,
        published_at=goes_live,
        speakers=[speaker],
        date=datetime.date(2027, 1, 25),
        title_en="At 12:01:30",
    )
    for url in pages(speaker, earlier):
        assert "At 12:01:30" not in client.get(url).text
    noon.set(goes_live - datetime.timedelta(seconds=1))
    for url in pages(speaker, earlier):
        assert "At 12:01:30" not in client.get(url).text
    noon.set(goes_live)
    for url in pages(speaker, earlier):
        assert "At 12:01:30" in client.get(url).text, url  # the release page's "Next"


def test_an_edit_shows_on_the_next_request(client):
    speaker = SpeakerFactory()
    first = ReleaseFactory(
        published=True, speakers=[speaker], date=datetime.date(2020, 1, 1), title_en="First"
    )
    second = ReleaseFactory(
        published=True, speakers=[speaker], date=datetime.date(2020, 1, 2), title_en="Before"
    )
    for url in pages(speaker, first):
        assert "Before" in client.get(url).text
    second.title_en = "After the edit"
    second.save()
    for url in pages(speaker, first):
        text = client.get(url).text
        assert "After the edit" in text, url
        assert "Before" not in text
    speaker.name_en = "Renamed Speaker"
    speaker.save()
    assert "Renamed Speaker" in client.get("/en/releases/").text


def test_the_sitemaps_show_a_new_speaker_and_a_scheduled_release_on_time(client, noon):
    """The sitemaps keep their counts and dates per content version: a new
    speaker's release is listed on the next request, a scheduled one at its
    second, and the index's dates move with them."""
    ReleaseFactory(published=True, speakers=[SpeakerFactory()], date=datetime.date(2027, 1, 20))
    index = client.get("/sitemap.xml").text
    assert "newcomer" not in client.get("/sitemap-speakers.xml").text

    noon.set(noon.now + datetime.timedelta(days=1))
    ReleaseFactory(
        published=True, speakers=[SpeakerFactory(slug="newcomer")], date=datetime.date(2027, 1, 21)
    )
    assert "/en/speakers/newcomer/" in client.get("/sitemap-speakers.xml").text
    assert "2027-01-25" in index
    assert "2027-01-26" in client.get("/sitemap.xml").text  # the sections' last change

    goes_live = noon.now + datetime.timedelta(seconds=90)
    ReleaseFactory(
        status=PublicationStatus.PUBLISHED,
        published_at=goes_live,
        slug="at-its-second",
        date=datetime.date(2027, 1, 25),
    )
    assert "at-its-second" not in client.get("/sitemap-releases.xml").text
    noon.set(goes_live)
    assert "at-its-second" in client.get("/sitemap-releases.xml").text


def test_a_release_page_shows_its_own_edit_and_ends_at_its_second(client, noon):
    """The release page keeps the rows it shows per version: an edit of the
    release itself, or of a speaker named on it, shows on the next request,
    and a scheduled end of publication at its second."""
    speaker = SpeakerFactory(name_en="First Name")
    ends = noon.now + datetime.timedelta(seconds=45)
    release = ReleaseFactory(
        published=True, speakers=[speaker], title_en="Before", unpublish_at=ends
    )
    url = release.get_absolute_url()
    assert "Before" in client.get(url).text
    release.title_en = "After the edit"
    release.save()
    speaker.name_en = "Second Name"
    speaker.save()
    text = client.get(url).text
    assert "After the edit" in text
    assert "Second Name" in text
    other = ReleaseFactory(published=True, body_en="<p>Another text entirely</p>")
    assert "After the edit" in client.get(url).text
    assert "Another text entirely" in client.get(other.get_absolute_url()).text  # its own article
    noon.set(ends - datetime.timedelta(seconds=1))
    assert client.get(url).status_code == 200
    noon.set(ends)
    assert client.get(url).status_code == 410


def test_a_staff_preview_is_never_kept_for_the_public(client, staff_client):
    """A draft that staff have previewed stays a 404 for everyone else, and a
    public release that goes back to draft is gone on the next request."""
    draft = ReleaseFactory(title_en="Draft only")
    event = EventFactory(scheduled=True, title_en="Planned event")
    assert "Draft only" in staff_client.get(draft.get_absolute_url()).text
    assert "Planned event" in staff_client.get(event.get_absolute_url()).text
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(event.get_absolute_url()).status_code == 404

    public = ReleaseFactory(published=True, title_en="Public for now")
    assert client.get(public.get_absolute_url()).status_code == 200
    public.status = PublicationStatus.DRAFT
    public.save()
    assert client.get(public.get_absolute_url()).status_code == 404


def test_an_event_s_article_follows_an_edit_on_the_next_request(client):
    """The event's whole article (facts, description, participants) is kept:
    an edit of the event, or of its participants, shows on the next request."""
    event = EventFactory(published=True, venue_en="Old Hall", description_en="<p>First plan</p>")
    EventParticipantFactory(event=event, speaker__name_en="First Delegate")
    url = event.get_absolute_url()
    text = client.get(url).text
    assert "First Delegate" in text
    assert "Old Hall" in text
    EventParticipantFactory(event=event, speaker__name_en="Second Delegate", role_en="Observer")
    text = client.get(url).text
    assert "First Delegate" in text
    assert "Second Delegate</a>, Observer" in text
    event.venue_en = "New Hall"
    event.description_en = "<p>Moved indoors</p>"
    event.event_status = "cancelled"
    event.save()
    text = client.get(url).text
    assert "New Hall" in text
    assert "Moved indoors" in text
    assert "event-status-cancelled" in text
    assert "Old Hall" not in text
    other = EventFactory(published=True, venue_en="Other Hall")
    assert "<dd>New Hall" in client.get(url).text
    assert "<dd>Other Hall" in client.get(other.get_absolute_url()).text  # its own article


def test_a_speaker_s_article_follows_an_edit_on_the_next_request(client):
    speaker = SpeakerFactory(biography_en="Served in Delhi.")
    ReleaseFactory(published=True, speakers=[speaker])
    url = speaker.get_absolute_url()
    assert "Served in Delhi." in client.get(url).text
    speaker.biography_en = "Served in Mumbai."
    speaker.save()
    text = client.get(url).text
    assert "Served in Mumbai." in text
    assert "Served in Delhi." not in text
    other = SpeakerFactory(biography_en="Served in Chennai.")
    ReleaseFactory(published=True, speakers=[other])
    assert "Served in Mumbai." in client.get(url).text
    assert "Served in Chennai." in client.get(other.get_absolute_url()).text


def test_nothing_of_a_staff_preview_is_kept_anywhere(client, staff_client):
    """A preview renders everything afresh and keeps none of it, not a row
    and not a piece of markup, in the process or in the shared cache."""
    speaker = SpeakerFactory(name_en="Unannounced Envoy")
    draft = ReleaseFactory(title_en="Draft only", speakers=[speaker])
    event = EventFactory(scheduled=True, title_en="Planned event")
    EventParticipantFactory(event=event, speaker=speaker)
    assert "Unannounced Envoy" in staff_client.get(draft.get_absolute_url()).text
    assert "Unannounced Envoy" in staff_client.get(event.get_absolute_url()).text

    assert not kept_pieces_holding("Unannounced Envoy")
    assert not kept_pieces_holding("Draft only")


def test_every_filter_page_and_owner_has_cards_of_its_own(client):
    """The cards of a list are kept under the list's view, arguments,
    filters and page number: no list ever shows another's cards."""
    speaker, other = SpeakerFactory(), SpeakerFactory()
    topic = TopicFactory()
    for day in range(1, 13):
        ReleaseFactory(
            published=True,
            date=datetime.date(2021, 3, day),
            speakers=[speaker],
            title_en=f"Speech {day:02}",
            kind=ReleaseKind.SPEECH,
        )
    ReleaseFactory(
        published=True,
        date=datetime.date(2021, 2, 1),
        speakers=[other],
        topics=[topic],
        title_en="A statement",
        kind=ReleaseKind.STATEMENT,
    )

    def titles(url):
        return set(re.findall(r"Speech \d\d|A statement", client.get(url).text))

    everything = titles("/en/releases/")
    assert titles("/en/releases/?page=2") == {"Speech 02", "Speech 01", "A statement"}
    assert len(everything) == 10 and "Speech 12" in everything
    assert titles("/en/releases/?kind=statement") == {"A statement"}
    assert titles(f"/en/releases/?speaker={other.slug}") == {"A statement"}
    assert titles(f"/en/releases/?speaker={other.slug}&kind=speech") == set()
    assert titles("/en/releases/?kind=speech&page=2") == {"Speech 02", "Speech 01"}
    assert titles("/en/releases/2021/?kind=statement") == {"A statement"}
    assert titles("/en/releases/2020/") == set()
    assert titles(other.get_absolute_url()) == {"A statement"}
    assert titles(topic.get_absolute_url()) == {"A statement"}
    assert len(titles(speaker.get_absolute_url())) == 10


def test_search_results_follow_an_edit_and_a_scheduled_release(client, noon):
    """The ranked matches of a search and the releases of its pages are kept
    per content version and scheduled moment, like the lists."""
    ReleaseFactory(published=True, title_en="Evacuation flights from Delhi")
    goes_live = noon.now + datetime.timedelta(seconds=30)
    ReleaseFactory(
        status=PublicationStatus.PUBLISHED,
        published_at=goes_live,
        title_en="Second evacuation flight",
    )
    url = "/en/search/?q=evacuation"

    def titles():
        return re.findall(r"(?:Second e|E)vacuation flights?[\w ]*", client.get(url).text)

    assert titles() == ["Evacuation flights from Delhi"]
    noon.set(goes_live)
    assert sorted(titles()) == ["Evacuation flights from Delhi", "Second evacuation flight"]
    first = ReleaseFactory._meta.model.objects.get(title_en="Evacuation flights from Delhi")
    first.title_en = "Flights from Delhi"
    first.save()
    assert titles() == ["Second evacuation flight"]


def test_every_search_has_results_of_its_own(client):
    """Words, filters, page and language each name their own results."""
    for day in range(1, 13):
        ReleaseFactory(
            published=True,
            date=datetime.date(2022, 5, day),
            title_en=f"Visa centre update {day:02}",
            title_ru=f"Визовый центр {day:02}",
            kind=ReleaseKind.PRESS_RELEASE,
        )
    ReleaseFactory(
        published=True,
        date=datetime.date(2022, 4, 1),
        title_en="Visa rules for students",
        kind=ReleaseKind.STATEMENT,
    )

    def titles(url):
        return set(
            re.findall(r"Visa (?:centre update \d\d|rules for students)", client.get(url).text)
        )

    first, second = titles("/en/search/?q=visa"), titles("/en/search/?q=visa&page=2")
    assert (len(first), len(second), len(first | second)) == (10, 3, 13)
    assert titles("/en/search/?q=students") == {"Visa rules for students"}
    assert titles("/en/search/?q=visa&kind=statement") == {"Visa rules for students"}
    assert titles("/en/search/?q=visa+students") == {"Visa rules for students"}
    russian = client.get("/ru/search/?q=визовый").text
    assert "Визовый центр" in russian
    assert "Visa rules for students" not in russian


@pytest.mark.parametrize("url", ["/en/releases/", "/en/search/?q=visa"])
def test_the_filter_form_shows_each_query_s_own_values_and_errors(client, url):
    """The filters' markup is kept per set of values given: each request
    still shows its own chosen values, and its own errors."""
    ReleaseFactory(published=True, title_en="Visa news")
    joiner = "&" if "?" in url else "?"

    def chosen(query=""):
        page = client.get(f"{url}{joiner}{query}" if query else url).text
        values = re.findall(r'<option value="([^"]+)" selected>', page)
        return values, "not understood" in page, "filters in use" in page

    assert chosen() == ([], False, False)
    assert chosen("kind=speech") == (["speech"], False, True)
    assert chosen("kind=statement") == (["statement"], False, True)
    assert chosen("kind=speech&page=1") == (["speech"], False, True)
    assert chosen("kind=bogus") == ([], True, False)
    assert chosen() == ([], False, False)
    assert chosen("kind=statement") == (["statement"], False, True)


def test_a_filter_on_a_speaker_who_leaves_the_lists_is_refused_on_the_next_request(client):
    """The list keeps what a filter value means per content version: once the
    speaker has no public release left, their filter is an error that is
    ignored, on the very next request."""
    speaker = SpeakerFactory(slug="leaving")
    release = ReleaseFactory(published=True, speakers=[speaker], title_en="Last words")
    ReleaseFactory(published=True, title_en="Someone else")

    def shown(query):
        page = client.get(f"/en/releases/?{query}").text
        titles = sorted(re.findall(r'<h2 class="card-title"[^>]*><a [^>]+>([^<]+)</a>', page))
        return titles, "not understood" in page, "filters in use" in page

    assert shown("speaker=leaving") == (["Last words"], False, True)
    release.status = PublicationStatus.DRAFT
    release.save()
    assert shown("speaker=leaving") == (["Someone else"], True, False)


def sharing_tags(text):
    """The page's canonical address, og:title, og:locale and JSON-LD headline."""
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', text).group(1)
    title = re.search(r'<meta property="og:title" content="([^"]*)"', text).group(1)
    locale = re.search(r'<meta property="og:locale" content="([^"]+)"', text).group(1)
    headline = re.search(r'"headline": ?"([^"]*)"', text)
    return canonical, title, locale, headline and headline.group(1)


def test_sharing_tags_follow_an_edit_and_belong_to_their_own_address(client):
    """A page's sharing metadata is kept per content version under its
    address: an edit shows in the OpenGraph tags and the JSON-LD on the next
    request, and each page number, language and host has its own."""
    release = ReleaseFactory(published=True, title_en="Shared title", title_ru="Заголовок")
    url = release.get_absolute_url()
    canonical, title, locale, headline = sharing_tags(client.get(url).text)
    assert (title, locale, headline) == ("Shared title", "en_IN", "Shared title")
    assert canonical == f"http://testserver{url}"
    release.title_en = "Corrected title"
    release.save()
    assert sharing_tags(client.get(url).text)[1:] == ("Corrected title", "en_IN", "Corrected title")
    russian = client.get(url.replace("/en/", "/ru/", 1)).text
    assert sharing_tags(russian)[1:] == ("Заголовок", "ru_RU", "Заголовок")
    other_host = client.get(url, HTTP_HOST="127.0.0.1").text
    assert sharing_tags(other_host)[0] == f"http://127.0.0.1{url}"

    ReleaseFactory.create_batch(11, published=True)
    first = sharing_tags(client.get("/en/releases/").text)[0]
    second = sharing_tags(client.get("/en/releases/?page=2").text)[0]
    assert (first, second) == (
        "http://testserver/en/releases/",
        "http://testserver/en/releases/?page=2",
    )


def test_no_piece_is_kept_past_the_longest_lifetime(noon, settings):
    """Pieces may carry signed media addresses: however quiet the site, one is
    built afresh once FRAGMENT_CACHE_SECONDS have passed."""
    from embassy import fragments

    settings.FRAGMENT_CACHE_SECONDS = 300
    builds = []

    def build():
        builds.append(noon.now)
        return len(builds)

    assert fragments.cached("lifetime-test", (), build) == 1
    noon.set(noon.now + datetime.timedelta(seconds=299))
    assert fragments.cached("lifetime-test", (), build) == 1
    noon.set(noon.now + datetime.timedelta(seconds=1))
    assert fragments.cached("lifetime-test", (), build) == 2
