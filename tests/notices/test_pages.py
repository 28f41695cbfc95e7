"""The public side of notices: lists, pages, feeds, sitemap, search, the
SpecialAnnouncement of emergencies, and the light emergency page."""

import datetime
import json
import re

import feedparser
import pytest
from django.urls import reverse
from django.utils import translation

from notices.models import NoticeChangeNote
from notices.schedule import next_change
from tests.contacts.factories import ContactPointFactory, OfficeFactory, OpeningHoursFactory
from tests.factories import UNLISTED_STATES, NoticeFactory, ReleaseFactory

pytestmark = pytest.mark.django_db


def test_the_list_shows_published_notices_only(client):
    NoticeFactory(published=True, title_en="Visa office moves")
    for name, traits in UNLISTED_STATES.items():
        NoticeFactory(title_en=f"Hidden {name}", **traits)

    page = client.get("/en/notices/").content.decode()

    assert "Visa office moves" in page
    assert "Hidden" not in page


def test_a_notice_page_shows_its_texts_and_change_notes(client):
    notice = NoticeFactory(published=True, audience_en="Citizens of Russia in Nepal")
    NoticeChangeNote.objects.create(notice=notice, note_en="Office hours corrected.")

    page = client.get(notice.get_absolute_url()).content.decode()

    assert notice.title in page
    assert "Citizens of Russia in Nepal" in page
    assert "Office hours corrected." in page


def test_draft_notices_are_not_found_and_ended_ones_are_gone(client):
    assert client.get(NoticeFactory().get_absolute_url()).status_code == 404
    assert client.get(NoticeFactory(ended=True).get_absolute_url()).status_code == 410


def test_emergencies_carry_a_special_announcement(client):
    office = OfficeFactory()
    emergency = NoticeFactory(published=True, emergency=True, office=office)
    ordinary = NoticeFactory(published=True)

    page = client.get(emergency.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1)
    data = json.loads(block)

    assert data["@type"] == "SpecialAnnouncement"
    assert data["name"] == emergency.title
    assert data["announcementLocation"]["name"] == office.name
    assert "SpecialAnnouncement" not in client.get(ordinary.get_absolute_url()).content.decode()


@pytest.mark.parametrize("kind", ["atom", "rss", "json"])
def test_notice_feeds_list_public_notices_in_the_page_language(client, kind):
    NoticeFactory(published=True, title_en="In English", title_ru="По-русски")
    NoticeFactory(title_en="A draft")

    response = client.get(f"/ru/notices/feed/{kind}/")
    if kind == "json":  # feedparser reads XML feeds only
        titles = [item["title"] for item in json.loads(response.content)["items"]]
    else:
        titles = [entry.title for entry in feedparser.parse(response.content).entries]

    assert response.status_code == 200
    assert titles == ["По-русски"]


def test_the_json_feeds_follow_json_feed_1_1(client):
    release = ReleaseFactory(published=True, summary_en="Short.")
    ReleaseFactory(title_en="Draft release")

    response = client.get("/en/releases/feed/json/")
    data = json.loads(response.content)

    assert response["Content-Type"].startswith("application/feed+json")
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"].endswith("/en/releases/feed/json/")
    (item,) = data["items"]
    assert item["title"] == release.title
    assert item["url"].endswith(release.get_absolute_url())
    assert item["summary"] == "Short."
    assert "The text of the release." in item["content_html"]
    assert item["date_published"]


def test_the_release_list_offers_the_json_feed(client):
    page = client.get("/en/releases/").content.decode()
    assert 'type="application/feed+json"' in page


def test_notices_are_in_the_sitemap_and_the_search(client):
    notice = NoticeFactory(published=True, title_en="Flood warning for Assam")
    NoticeFactory(title_en="Flood draft")

    sitemap = client.get("/sitemap-notices.xml").content.decode()
    search = client.get("/en/search/", {"q": "flood"}).content.decode()

    assert notice.get_absolute_url() in sitemap
    assert "Flood warning for Assam" in search
    assert "Flood draft" not in search


def test_next_change_is_the_next_start_or_end_of_a_published_notice(clock):
    now = clock.now
    NoticeFactory(
        published=True,
        published_at=now - datetime.timedelta(hours=1),
        unpublish_at=now + datetime.timedelta(hours=3),
    )
    NoticeFactory(scheduled=True, published_at=now + datetime.timedelta(hours=2))
    NoticeFactory(published_at=now + datetime.timedelta(minutes=5))  # a draft: never

    assert next_change(now) == now + datetime.timedelta(hours=2)
    assert next_change(now + datetime.timedelta(hours=2)) == now + datetime.timedelta(hours=3)
    assert next_change(now + datetime.timedelta(hours=3)) is None


# --- The emergency page ----------------------------------------------------

FIRST_FLIGHT = 14 * 1024


@pytest.fixture
def crisis(db):
    office = OfficeFactory(address_line_1_en="Shantipath")
    ContactPointFactory(office=office, emergency=True, phone="+91 11 2611 0640")
    OpeningHoursFactory(office=office)
    for number in range(3):
        NoticeFactory(
            published=True,
            emergency=True,
            title_en=f"Emergency {number}: " + "a long title " * 10,
            summary_en="Stay indoors and follow the local authorities. " * 8,
            audience_en="Citizens of Russia in India",
        )
    return office


@pytest.mark.parametrize("language", ["en", "ru", "hi"])
def test_the_emergency_page_fits_in_the_first_14_kb(client, crisis, language):
    response = client.get(f"/{language}/emergency/")

    assert response.status_code == 200
    assert len(response.content) <= FIRST_FLIGHT, len(response.content)


def test_the_emergency_page_loads_nothing_else(client, crisis):
    response = client.get("/en/emergency/")
    page = response.content.decode()

    assert "<img" not in page and "<script" not in page and '<link rel="stylesheet"' not in page
    assert "@font-face" not in page and "url(" not in page
    policy = response["Content-Security-Policy"]
    assert "img-src 'none'" in policy and "font-src 'none'" in policy
    assert re.search(r"style-src 'sha256-[A-Za-z0-9+/=]+'", policy)


def test_the_emergency_page_gives_numbers_addresses_and_opening_state(client, crisis):
    page = client.get("/en/emergency/").content.decode()

    assert 'href="tel:+911126110640"' in page
    assert "Shantipath" in page
    assert "open now" in page or "closed now" in page
    assert "Emergency 0" in page


def test_the_banner_links_to_the_emergency_page(client, crisis):
    page = client.get("/en/releases/").content.decode()
    assert 'href="/en/emergency/"' in page
    assert 'href="tel:+911126110640"' in page


def test_the_banner_marks_a_title_shown_in_english(client):
    NoticeFactory(published=True, emergency=True, title_en="Cyclone warning")

    with translation.override("ru"):
        path = reverse("notices:index")
    page = client.get(path).content.decode()

    banner = page.split('class="crisis-banner"')[1].split("</section>")[0]
    assert 'lang="en">Cyclone warning' in banner
    assert "In English" in banner or "На английском" in banner or "translation-note" in banner
