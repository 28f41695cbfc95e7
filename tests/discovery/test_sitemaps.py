"""/sitemap.xml and /robots.txt, read as a crawler reads them."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import etree

from releases.models import Release
from tests import factories
from tests.factories import EventFactory, ReleaseFactory, SpeakerFactory, TopicFactory

pytestmark = pytest.mark.django_db
LANGUAGES = [code for code, _name in settings.LANGUAGES]

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
SECTIONS = ["events", "notices", "pages", "releases", "services", "speakers", "topics"]


def xml(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.content)


def section(client, name):
    return xml(client.get(f"/sitemap-{name}.xml"))


def urls(root):
    """{location: (lastmod, {hreflang: alternate})} of a sitemap."""
    return {
        url.findtext("sm:loc", namespaces=NS): (
            url.findtext("sm:lastmod", namespaces=NS),
            {
                link.get("hreflang"): link.get("href")
                for link in url.findall("xhtml:link", namespaces=NS)
            },
        )
        for url in root.findall("sm:url", namespaces=NS)
    }


def test_the_index_lists_a_sitemap_per_section(client):
    ReleaseFactory(published=True)

    root = xml(client.get("/sitemap.xml"))

    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    locations = sorted(root.xpath("//sm:sitemap/sm:loc/text()", namespaces=NS))
    assert locations == [f"http://testserver/sitemap-{name}.xml" for name in SECTIONS]
    for location in locations:
        xml(client.get(location.removeprefix("http://testserver")))


def test_the_index_follows_new_pages_and_changes_on_the_next_request(client, monkeypatch):
    """The index's entries are kept per content version: a section that grows
    a page, or a release edited, shows in it on the next request."""
    from releases.discovery.sitemaps import ReleaseSitemap

    monkeypatch.setattr(ReleaseSitemap, "items_per_page", 2)
    first, _second = ReleaseFactory.create_batch(2, published=True)

    def releases_entries():
        root = xml(client.get("/sitemap.xml"))
        return {
            entry.findtext("sm:loc", namespaces=NS): entry.findtext("sm:lastmod", namespaces=NS)
            for entry in root.findall("sm:sitemap", namespaces=NS)
            if "sitemap-releases" in entry.findtext("sm:loc", namespaces=NS)
        }

    before = releases_entries()
    assert list(before) == ["http://testserver/sitemap-releases.xml"]
    ReleaseFactory(published=True)
    after = releases_entries()
    assert list(after) == [
        "http://testserver/sitemap-releases.xml",
        "http://testserver/sitemap-releases.xml?p=2",
    ]
    first.title_en = "Edited a day later"
    first.save()
    changed = timezone.localtime(Release.objects.get(pk=first.pk).updated_at)
    assert set(releases_entries().values()) == {changed.isoformat()}


def test_each_release_is_listed_in_every_language_with_its_alternates(client):
    release = ReleaseFactory(published=True)
    path = release.get_absolute_url().removeprefix("/en")

    listed = urls(section(client, "releases"))

    expected_alternates = {code: f"http://testserver/{code}{path}" for code in LANGUAGES}
    expected_alternates["x-default"] = f"http://testserver/en{path}"
    assert set(listed) == {expected_alternates[code] for code in LANGUAGES}
    for _lastmod, alternates in listed.values():
        assert alternates == expected_alternates


def test_lastmod_is_the_last_change(client):
    release = ReleaseFactory(published=True)
    changed = timezone.now() - datetime.timedelta(days=40)
    Release.objects.filter(pk=release.pk).update(
        updated_at=changed, published_at=changed - datetime.timedelta(days=1)
    )

    (lastmod, _alternates) = next(iter(urls(section(client, "releases")).values()))

    # The date as the mission sees it (in the evening UTC, India is already
    # on the next day).
    assert lastmod == timezone.localdate(changed).isoformat()


def test_drafts_and_scheduled_items_are_absent(client):
    public = ReleaseFactory(published=True, speakers=[SpeakerFactory()], topics=[TopicFactory()])
    ReleaseFactory(title_en="Draft", speakers=[SpeakerFactory()], topics=[TopicFactory()])
    ReleaseFactory(scheduled=True, speakers=[SpeakerFactory()], topics=[TopicFactory()])
    public_event = EventFactory(published=True)
    EventFactory()

    def paths(name):
        return {
            loc.split("testserver/en", 1)[1] for loc in urls(section(client, name)) if "/en/" in loc
        }

    assert paths("releases") == {public.get_absolute_url().removeprefix("/en")}
    assert paths("events") == {public_event.get_absolute_url().removeprefix("/en")}
    assert paths("speakers") == {public.speakers.get().get_absolute_url().removeprefix("/en")}
    assert paths("topics") == {public.topics.get().get_absolute_url().removeprefix("/en")}


def test_a_speaker_seen_only_at_a_public_event_is_listed(client):
    # Their page opens (the event links it), so search engines are told of it.
    at_event = factories.EventParticipantFactory(event=EventFactory(published=True)).speaker
    factories.EventParticipantFactory(event=EventFactory())  # a draft event makes no page

    listed = {loc for loc in urls(section(client, "speakers")) if "/en/" in loc}

    assert listed == {f"http://testserver{at_event.get_absolute_url()}"}
    assert client.get(at_event.get_absolute_url()).status_code == 200


def test_the_fixed_pages_are_listed_in_every_language(client):
    listed = urls(section(client, "pages"))

    for language in LANGUAGES:
        for path in ("", "releases/", "speakers/", "events/", "contacts/"):
            assert f"http://testserver/{language}/{path}" in listed


def test_a_long_archive_is_split_into_pages_listing_every_release_once(client, monkeypatch):
    from releases.discovery.sitemaps import ReleaseSitemap

    monkeypatch.setattr(ReleaseSitemap, "items_per_page", 2)  # 200 in production
    # Pages past the second are found by seeking, as deep pages of a long archive are.
    monkeypatch.setattr("releases.pagination.SHALLOW_PAGES", 1)
    releases = ReleaseFactory.create_batch(5, published=True)

    index = xml(client.get("/sitemap.xml"))
    pages = [
        location.removeprefix("http://testserver")
        for location in index.xpath("//sm:sitemap/sm:loc/text()", namespaces=NS)
        if "sitemap-releases" in location
    ]
    listed = [loc for page in pages for loc in urls(section_page(client, page))]

    # 5 releases, 2 to a page, each in 3 languages: 15 addresses, none twice.
    assert pages == ["/sitemap-releases.xml"] + [f"/sitemap-releases.xml?p={n}" for n in (2, 3)]
    assert len(listed) == 15
    assert sorted(listed) == sorted(
        f"http://testserver/{code}{release.get_absolute_url().removeprefix('/en')}"
        for release in releases
        for code in LANGUAGES
    )
    assert client.get("/sitemap-releases.xml?p=4").status_code == 404
    assert client.get("/sitemap-releases.xml?p=two").status_code == 404


def section_page(client, path):
    return xml(client.get(path))


def test_the_sitemaps_read_no_release_texts(client):
    """A sitemap page lists thousands of releases: it reads their addresses
    and dates, never their texts (most of each row)."""
    ReleaseFactory.create_batch(3, published=True, speakers=[SpeakerFactory()])

    with CaptureQueriesContext(connection) as queries:
        for path in ("/sitemap.xml", "/sitemap-releases.xml", "/sitemap-speakers.xml"):
            xml(client.get(path))

    read = " ".join(query["sql"] for query in queries.captured_queries)
    assert "releases_release" in read
    assert '"body_en"' not in read and '"summary_en"' not in read


def test_the_index_dates_the_speakers_by_their_last_public_release(client):
    speaker = SpeakerFactory()
    spoken = ReleaseFactory(published=True, speakers=[speaker])
    unspoken = ReleaseFactory(published=True)
    draft = ReleaseFactory(speakers=[speaker])
    day = timezone.now() - datetime.timedelta(days=30)
    Release.objects.filter(pk=spoken.pk).update(updated_at=day, published_at=day)
    Release.objects.filter(pk__in=[unspoken.pk, draft.pk]).update(updated_at=timezone.now())

    index = xml(client.get("/sitemap.xml"))
    (lastmod,) = index.xpath(
        "//sm:sitemap[contains(sm:loc, 'sitemap-speakers')]/sm:lastmod/text()", namespaces=NS
    )

    assert lastmod.startswith(timezone.localtime(day).date().isoformat())


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin_and_search(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    for path in ("/admin/", "/search/", "/en/search/", "/ru/search/", "/hi/search/"):
        assert f"Disallow: {path}" in lines
    assert "Disallow: /" not in lines
