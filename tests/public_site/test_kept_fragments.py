"""Pieces of pages kept per content version ({% fragment %}, the neighbours
of a release) never show the public an old state, with the page cache off:
an edit shows on the next request, a scheduled release at its second."""

import datetime
import zoneinfo

import pytest
from django.core.cache import cache

from releases.models import PublicationStatus
from tests.factories import ReleaseFactory, SpeakerFactory

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
