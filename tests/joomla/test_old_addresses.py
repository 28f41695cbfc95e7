"""Every public address of the old site answers 301 to its new page, in the
same language; the lookup costs one query, and only on a 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from joomla.addresses import key_of_url
from joomla.importer import run_import
from joomla.mapping import Mapping
from joomla.models import ImportedItem, LegacyAddress
from joomla.source import JoomlaSource
from releases.models import Release

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(joomla, joomla_root, mapping_file):
    with JoomlaSource(joomla.url) as source:
        return run_import(source, mapping=Mapping.load(mapping_file), images_root=joomla_root)


def release_url(article_id, language):
    item = ImportedItem.objects.get(source_table="content", joomla_id=article_id)
    with translation.override(language):
        return Release.objects.get(pk=item.object_id).get_absolute_url()


@pytest.mark.parametrize(
    ("old", "article", "language"),
    [
        ("/index.php?option=com_content&view=article&id=12&catid=8&Itemid=102", 12, "en"),
        ("/index.php?Itemid=102&catid=8&id=12&view=article&option=com_content", 12, "en"),
        ("/index.php?option=com_content&view=article&id=12:ict-security&lang=en&x=1", 12, "en"),
        ("/index.php?option=com_content&view=article&id=13&catid=11&Itemid=103", 13, "ru"),
        ("/news/12-ict-security-consultations", 12, "en"),
        ("/news/12-ict-security-consultations.html", 12, "en"),
        ("/en/news/12-ict-security-consultations.html", 12, "en"),
        ("/index.php/en/news/12-ict-security-consultations", 12, "en"),
        ("/ru/novosti/13-vtoroy-raund-konsultatsiy.html", 13, "ru"),
        ("/ru/novosti/vtoroy-raund-konsultatsiy", 13, "ru"),  # Joomla 4: no ids
        ("/statements/greetings/14-diplomats-day-greetings", 14, "en"),
        ("/component/content/article/15-prime-minister-greetings", 15, "en"),
        ("/en/about-ict", 12, "en"),
        ("/index.php?Itemid=107", 12, "en"),
        ("/old-news/ict.html", 12, "en"),  # from Joomla's own redirect table
    ],
)
def test_old_article_addresses_lead_to_the_release(client, imported, old, article, language):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == release_url(article, language)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/news", "/en/topics/press-releases/"),  # a category blog: its topic
        ("/ru/novosti", "/ru/topics/press-releases/"),
        (
            "/index.php?option=com_content&view=category&layout=blog&id=8",
            "/en/topics/press-releases/",
        ),
        ("/statements.html", "/en/releases/?kind=statement"),  # a category list, no topic
        ("/contact-us", "/en/contacts/"),
        ("/ru/contact-us", "/ru/contacts/"),
        ("/index.php?option=com_contact&view=contact&id=1&Itemid=105", "/en/contacts/embassy/"),
        ("/contact-us/1-embassy", "/en/contacts/embassy/"),
        ("/ministry", "https://www.mid.ru/"),
    ],
)
def test_category_contact_and_outside_addresses_redirect(client, imported, old, new):
    response = client.get(old)
    assert (response.status_code, response["Location"]) == (301, new)


def test_addresses_that_lead_nowhere_stay_404_and_are_reported(client, imported):
    assert client.get("/login").status_code == 404
    assert client.get("/index.php?option=com_content&view=article&id=16").status_code == 404
    reported = {address["address"] for address in imported.unmapped_addresses}
    assert {"/login", "/broken-link", "index.php?option=com_content&view=article&id=16"} <= reported


def test_the_lookup_costs_one_query_and_only_on_a_404(client, imported):
    with CaptureQueriesContext(connection) as found:
        assert client.get("/news/12-ict-security-consultations").status_code == 301
    lookups = [q for q in found.captured_queries if "joomla_legacyaddress" in q["sql"]]
    assert len(lookups) == 1
    with CaptureQueriesContext(connection) as page:
        assert client.get("/en/contacts/").status_code == 200
    assert not [q for q in page.captured_queries if "joomla_legacyaddress" in q["sql"]]


def test_staff_edit_a_redirect_and_the_next_import_keeps_it(
    staff_client, client, imported, joomla, joomla_root, mapping_file
):
    address = LegacyAddress.objects.get(old_address="/news")
    assert staff_client.get("/admin/joomla/legacyaddress/").status_code == 200
    response = staff_client.post(
        f"/admin/joomla/legacyaddress/{address.pk}/change/",
        {"old_address": "/news.html", "new_path": "/en/releases/", "description": "news"},
    )
    assert response.status_code == 302
    with JoomlaSource(joomla.url) as source:
        run_import(source, mapping=Mapping.load(mapping_file), images_root=joomla_root)
    assert client.get("/news")["Location"] == "/en/releases/"


def test_every_way_of_writing_an_address_gives_one_key():
    key = "index.php?option=com_content&view=article&id=12"
    assert (
        key_of_url("https://old.example.org/index.php?id=12:x&view=article&option=com_content")
        == key
    )
    assert key_of_url("/NEWS/12-Visit.html") == key_of_url("news/12-visit/") == "/news/12-visit"
