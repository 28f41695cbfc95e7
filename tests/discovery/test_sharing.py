"""Canonical URLs, OpenGraph and Twitter cards, and schema.org JSON-LD, read
from the HTML with lxml and json."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from releases.models import ChangeNote, EventStatus, ReleaseKind
from tests.factories import (
    EventFactory,
    EventParticipantFactory,
    ReleaseFactory,
    SpeakerFactory,
    png_file,
)

from .helpers import jsonld, parse_html

pytestmark = pytest.mark.django_db


def meta(response):
    """{property or name: [content, ...]} of a page's <meta> tags."""
    found = {}
    for tag in parse_html(response).xpath("//head/meta[@content]"):
        key = tag.get("property") or tag.get("name")
        found.setdefault(key, []).append(tag.get("content"))
    return found


def canonical(response):
    (link,) = parse_html(response).xpath("//head/link[@rel='canonical']")
    return link.get("href")


@pytest.fixture
def release():
    return ReleaseFactory(
        published=True,
        kind=ReleaseKind.PRESS_RELEASE,
        title_en="Talks on energy cooperation",
        title_ru="Переговоры об энергетическом сотрудничестве",
        summary_en="The sides reviewed joint projects.",
        place_en="Moscow",
        image=png_file(size=(2400, 1600)),
        image_alt_en="Two delegations at a table",
        speakers=[SpeakerFactory(name_en="Sergey Lavrov", slug="sergey-lavrov")],
        event=EventFactory(published=True, title_en="Consultations"),
    )


def test_a_release_has_its_canonical_address_and_opengraph_tags(client, release):
    response = client.get(release.get_absolute_url(), {"utm_source": "newsletter"})

    address = f"http://testserver{release.get_absolute_url()}"
    tags = meta(response)
    assert canonical(response) == address
    assert tags["og:url"] == [address]
    assert tags["og:type"] == ["article"]
    assert tags["og:title"] == ["Talks on energy cooperation"]
    assert tags["og:description"] == ["The sides reviewed joint projects."]
    assert tags["og:locale"] == ["en_IN"]
    assert tags["og:site_name"] == [settings.EMBASSY_NAME]
    # A 1200×630 JPEG rendition, the size sharing sites ask for; never the upload.
    (image,) = tags["og:image"]
    assert image.startswith("http://testserver/media/renditions/")
    assert image.endswith(".jpg")
    assert release.image.url not in response.content.decode()
    assert tags["og:image:width"] == ["1200"]
    assert tags["og:image:height"] == ["630"]
    assert tags["og:image:alt"] == ["Two delegations at a table"]
    assert tags["twitter:card"] == ["summary_large_image"]
    assert tags["twitter:image"] == tags["og:image"]


def test_the_russian_page_shares_its_own_address_and_locale(client, release):
    with translation.override("ru"):
        path = release.get_absolute_url()

    response = client.get(path)

    assert canonical(response) == f"http://testserver{path}"
    assert meta(response)["og:locale"] == ["ru_RU"]
    assert meta(response)["og:title"] == ["Переговоры об энергетическом сотрудничестве"]


def test_a_release_without_image_has_a_small_card_and_no_image_tags(client):
    release = ReleaseFactory(published=True)

    tags = meta(client.get(release.get_absolute_url()))

    assert tags["twitter:card"] == ["summary"]
    assert "og:image" not in tags


def test_a_release_is_described_as_a_news_article(client, release):
    (data,) = jsonld(client.get(release.get_absolute_url()))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Talks on energy cooperation"
    assert datetime.datetime.fromisoformat(data["datePublished"]) == release.published_at
    assert datetime.datetime.fromisoformat(data["dateModified"]) == release.updated_at
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Sergey Lavrov",
            "url": "http://testserver/en/speakers/sergey-lavrov/",
            "jobTitle": "Minister",
        }
    ]
    assert data["locationCreated"] == {"@type": "Place", "name": "Moscow"}
    assert data["publisher"]["@type"] == "GovernmentOrganization"
    assert data["publisher"]["name"] == settings.EMBASSY_NAME
    assert data["image"]["url"].startswith("http://testserver/media/renditions/")
    assert (data["image"]["width"], data["image"]["height"]) == (1200, 630)
    assert data["about"]["name"] == "Consultations"
    assert data["inLanguage"] == "en"


def test_change_notes_are_the_articles_corrections(client):
    release = ReleaseFactory(published=True)
    noted = datetime.datetime(2018, 2, 12, 9, 0, tzinfo=datetime.UTC)
    ChangeNote.objects.create(
        release=release,
        note_en="Corrected the name of the head of delegation.",
        note_ru="Исправлено имя главы делегации.",
        created_at=noted,
    )

    (data,) = jsonld(client.get(release.get_absolute_url()))
    with translation.override("ru"):
        (russian,) = jsonld(client.get(release.get_absolute_url()))

    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "Corrected the name of the head of delegation.",
            "datePublished": noted.isoformat(),
        }
    ]
    assert russian["correction"][0]["text"] == "Исправлено имя главы делегации."


def test_a_release_without_change_notes_claims_no_correction(client, release):
    (data,) = jsonld(client.get(release.get_absolute_url()))

    assert "correction" not in data


def test_a_speech_is_an_article_of_the_speech_genre(client):
    release = ReleaseFactory(published=True, kind=ReleaseKind.SPEECH)

    (data,) = jsonld(client.get(release.get_absolute_url()))

    assert data["@type"] == "Article"
    assert data["genre"] == "Speech"


def test_a_release_without_speakers_is_by_the_embassy(client):
    release = ReleaseFactory(published=True)

    (data,) = jsonld(client.get(release.get_absolute_url()))

    assert data["author"]["name"] == settings.EMBASSY_NAME


def test_json_ld_cannot_close_its_script_element(client):
    title = 'Quote </script><script>alert("x")</script> & more'
    release = ReleaseFactory(published=True, title_en=title)

    response = client.get(release.get_absolute_url())

    assert b'</script><script>alert("x")' not in response.content
    (data,) = jsonld(response)
    assert data["name"] == title


def test_an_event_is_described_with_its_dates_place_and_status(client):
    event = EventFactory(
        published=True,
        title_en="BRICS ministerial meeting",
        start_date=datetime.date(2026, 9, 1),
        end_date=datetime.date(2026, 9, 2),
        venue_en="Bharat Mandapam",
        city_en="New Delhi",
        event_status=EventStatus.POSTPONED,
    )
    EventParticipantFactory(event=event, speaker=SpeakerFactory(name_en="Sergey Lavrov"))

    response = client.get(event.get_absolute_url())

    (data,) = jsonld(response)
    assert data["@type"] == "Event"
    assert data["name"] == "BRICS ministerial meeting"
    assert data["startDate"] == "2026-09-01"
    assert data["endDate"] == "2026-09-02"
    assert data["eventStatus"] == "https://schema.org/EventPostponed"
    assert data["location"] == {
        "@type": "Place",
        "name": "Bharat Mandapam",
        "address": {"@type": "PostalAddress", "addressLocality": "New Delhi"},
    }
    assert [performer["name"] for performer in data["performer"]] == ["Sergey Lavrov"]
    assert canonical(response) == f"http://testserver{event.get_absolute_url()}"


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (EventStatus.CANCELLED, "EventCancelled"),
        (EventStatus.ANNOUNCED, "EventScheduled"),
        (EventStatus.HELD, "EventScheduled"),
    ],
)
def test_the_event_status_follows_the_event(client, status, expected):
    event = EventFactory(published=True, event_status=status)

    (data,) = jsonld(client.get(event.get_absolute_url()))

    assert data["eventStatus"] == f"https://schema.org/{expected}"


def test_a_timed_event_gives_times_with_the_utc_offset(client):
    event = EventFactory(
        published=True,
        start_date=datetime.date(2026, 6, 12),
        start_time=datetime.time(18, 30),
        end_time=datetime.time(21, 0),
    )

    (data,) = jsonld(client.get(event.get_absolute_url()))

    assert data["startDate"] == "2026-06-12T18:30:00+05:30"
    assert data["endDate"] == "2026-06-12T21:00:00+05:30"


def test_list_pages_are_canonical_without_filters_but_with_their_page(client):
    ReleaseFactory.create_batch(11, published=True)

    response = client.get(reverse("releases:index"), {"kind": "press-release", "page": "2"})
    first = client.get(reverse("releases:index"), {"page": "1"})

    assert response.status_code == 200
    assert canonical(response) == "http://testserver/en/releases/?page=2"
    assert canonical(first) == "http://testserver/en/releases/"
    assert meta(first)["og:type"] == ["website"]
    assert jsonld(first) == []


@pytest.mark.parametrize("page", ["2", "²", "٣", "-1"])
def test_a_page_that_is_not_paginated_ignores_the_page_parameter(client, page):
    release = ReleaseFactory(published=True)

    response = client.get(release.get_absolute_url(), {"page": page})

    assert response.status_code == 200
    assert canonical(response) == f"http://testserver{release.get_absolute_url()}"


def test_pages_embed_no_executable_inline_script(client, release):
    page = parse_html(client.get(release.get_absolute_url()))

    for script in page.xpath("//script"):
        assert script.get("type") == "application/ld+json"
        assert script.get("src") is None
