"""Validators from the content version: a 304 without rendering, headers
that let shared caches keep and revalidate pages."""

import pytest

from tests.factories import EventFactory, ReleaseFactory

from .conftest import outcome

pytestmark = pytest.mark.django_db(transaction=True)

LIST = "/en/releases/"


def test_a_revalidation_is_answered_without_rendering(client, django_assert_num_queries):
    ReleaseFactory(published=True)
    etag = client.get(LIST)["ETag"]
    with django_assert_num_queries(0):
        response = client.get(LIST, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_if_modified_since_is_answered_from_the_cache(client):
    ReleaseFactory(published=True)
    last_modified = client.get(LIST)["Last-Modified"]
    response = client.get(LIST, headers={"if-modified-since": last_modified})
    assert response.status_code == 304


def test_a_change_changes_the_validators(client):
    first = client.get(LIST)
    ReleaseFactory(published=True)
    response = client.get(
        LIST,
        headers={"if-none-match": first["ETag"], "if-modified-since": first["Last-Modified"]},
    )
    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]
    assert response["Last-Modified"] != first["Last-Modified"]


def test_each_address_and_language_has_its_own_entry_and_validator(client):
    for number in range(12):
        ReleaseFactory(
            published=True, title_en=f"Item {number:02d}", title_ru=f"Пункт {number:02d}"
        )
    pages = {url: client.get(url) for url in (LIST, f"{LIST}?page=2", "/ru/releases/")}
    assert len({response["ETag"] for response in pages.values()}) == 3
    again = {url: client.get(url) for url in pages}
    assert all(outcome(response) == "hit" for response in again.values())
    assert "Пункт" in again["/ru/releases/"].text
    assert "Пункт" not in again[LIST].text
    assert again[f"{LIST}?page=2"].content != again[LIST].content


def test_anonymous_pages_carry_the_headers_for_shared_caches(client):
    cache_control = client.get(LIST)["Cache-Control"]
    for directive in (
        "public",
        "max-age=",
        "s-maxage=",
        "stale-while-revalidate=",
        "stale-if-error=86400",
    ):
        assert directive in cache_control


@pytest.mark.parametrize(
    "url",
    [
        "/en/releases/feed/atom/",
        "/en/releases/feed/rss/",
        "/en/events/calendar.ics",
        "/sitemap.xml",
        "/sitemap-releases.xml",
    ],
)
def test_feeds_calendars_and_sitemaps_are_revalidated_too(client, url):
    ReleaseFactory(published=True)
    EventFactory(published=True)
    first = client.get(url)
    assert first.status_code == 200
    assert "s-maxage=" in first["Cache-Control"]
    assert outcome(client.get(url)) == "hit"
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304


def test_without_the_page_cache_pages_are_rendered_each_time_but_still_revalidated(
    client, settings
):
    settings.PAGE_CACHE = False
    first = client.get(LIST)
    assert outcome(client.get(LIST)) == "miss"
    assert client.get(LIST, headers={"if-none-match": first["ETag"]}).status_code == 304
