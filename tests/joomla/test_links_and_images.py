"""What an article's text becomes besides its words: the images in it stay
images (copied into media storage, with their alt text and size), and its
links to other articles of the old site lead to their new pages. Checked
with a real HTML parser (lxml) on the stored text and on the public page."""

import lxml.html
import pytest
from django.core.files.storage import default_storage
from django.utils import translation

from files.inline import current_image_sources
from joomla.importer import run_import
from joomla.mapping import Mapping
from joomla.models import ImportedItem
from joomla.source import JoomlaSource
from releases.models import Release

from .site import OLD_SITE

pytestmark = pytest.mark.django_db


def import_site(joomla, root, mapping_file, **options):
    with JoomlaSource(joomla.url) as source:
        return run_import(source, mapping=Mapping.load(mapping_file), images_root=root, **options)


def release_of(article_id):
    item = ImportedItem.objects.get(source_table="content", joomla_id=article_id)
    return Release.objects.get(pk=item.object_id)


def url_of(article_id, language):
    with translation.override(language):
        return release_of(article_id).get_absolute_url()


def links(text):
    """{link text: address} of an HTML fragment."""
    root = lxml.html.fragment_fromstring(text, create_parent="div")
    return {a.text_content(): a.get("href") for a in root.iter("a")}


def test_an_image_in_the_text_stays_an_image_with_its_alt_text(
    client, joomla, joomla_root, mapping_file
):
    import_site(joomla, joomla_root, mapping_file)
    release = release_of(12)

    root = lxml.html.fragment_fromstring(release.body_en, create_parent="div")
    (image,) = root.iter("img")
    assert image.get("alt") == "Both delegations at the table"
    assert (image.get("width"), image.get("height")) == ("120", "80")
    name = image.get("data-file")
    assert name.endswith("/ict-talks.jpg") and default_storage.exists(name)
    assert image.get("src") == default_storage.url(name)
    # Not a link to the file, as before: an image where the text had it.
    assert not [a for a in root.iter("a") if "/media/" in (a.get("href") or "")]

    page = client.get(release.get_absolute_url())
    assert page.status_code == 200
    shown = lxml.html.fromstring(page.content).xpath(
        '//div[@class="body"]//img[@alt="Both delegations at the table"]'
    )
    assert [img.get("src") for img in shown] == [default_storage.url(name)]


def test_an_image_that_cannot_be_copied_leaves_its_alt_text(joomla, joomla_root, mapping_file):
    report = import_site(joomla, joomla_root, mapping_file)

    root = lxml.html.fragment_fromstring(release_of(14).body_en, create_parent="div")
    assert not list(root.iter("img"))
    assert "A photo that was lost" in root.text_content()
    assert any(w["kind"] == "missing image" and w["id"] == 14 for w in report.warnings)


def test_a_page_shows_an_image_at_its_current_address():
    # On object storage the address written into the text is signed and
    # expires; the page writes it anew from the file's storage name.
    stale = (
        '<p><img src="https://bucket.example/joomla/ab/a.jpg?X-Amz-Expires=600&amp;'
        'X-Amz-Signature=old" alt="A" data-file="joomla/ab/a.jpg"></p>'
    )
    (image,) = lxml.html.fragment_fromstring(
        current_image_sources(stale), create_parent="div"
    ).iter("img")
    assert image.get("src") == default_storage.url("joomla/ab/a.jpg")
    assert image.get("alt") == "A"


def test_links_between_articles_lead_to_the_new_pages(joomla, joomla_root, mapping_file):
    report = import_site(joomla, joomla_root, mapping_file, old_sites=[OLD_SITE])

    found = links(release_of(14).body_en)
    # Joomla's own address, with "12:alias" and extra parameters.
    assert found["the consultations"] == url_of(12, "en")
    # The SEF address under the news menu item, its anchor kept.
    assert found["the talks"] == url_of(12, "en") + "#talks"
    # A full address of the old site (--old-site).
    assert found["the Prime Minister"] == url_of(15, "en")
    # Trashed, so not imported: left to the old-address table, and reported.
    assert found["an old notice"] == "/index.php?option=com_content&view=article&id=16"
    assert found["the ministry"] == "https://www.mid.ru/"
    assert any(
        w["kind"] == "link not rewritten" and w["id"] == 14 and "id=16" in w["message"]
        for w in report.warnings
    )
    # The Russian text links to the Russian page where the release has one.
    russian = links(release_of(13).body_ru)
    assert russian["английский текст"] == url_of(12, "ru")
    assert russian["поздравление"] == url_of(14, "en")  # no Russian version


def test_rewritten_links_are_not_an_edit_here_and_a_second_import_keeps_them(
    client, joomla, joomla_root, mapping_file
):
    import_site(joomla, joomla_root, mapping_file, old_sites=[OLD_SITE])
    first = release_of(14).body_en

    report = import_site(joomla, joomla_root, mapping_file, old_sites=[OLD_SITE])

    assert release_of(14).body_en == first
    assert not [w for w in report.warnings if w["kind"] == "edited here"]
    assert report.counts.get("releases updated", 0) == 0
    # Each rewritten link answers on this site.
    for text, href in links(first).items():
        if href.startswith("/en/"):
            assert client.get(href).status_code == 200, text


def test_a_link_to_an_article_imported_later_is_rewritten_then(joomla, joomla_root, mapping_file):
    joomla.update(
        "content",
        14,
        fulltext='<p><a href="index.php?option=com_content&amp;'
        'view=article&amp;id=19">Later</a></p>',
    )
    import_site(joomla, joomla_root, mapping_file)
    assert links(release_of(14).body_en)["Later"].startswith("/index.php")

    joomla.article(
        id=19,
        title="Written later",
        alias="written-later",
        introtext="<p>Later.</p>",
        publish_up="2018-03-01 10:00:00",
    )
    import_site(joomla, joomla_root, mapping_file)

    assert links(release_of(14).body_en)["Later"] == url_of(19, "en")
