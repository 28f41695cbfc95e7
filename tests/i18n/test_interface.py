"""The interface itself (navigation, labels, messages) is in Russian and
Hindi, from the committed catalogs in locale/."""

import gettext
from pathlib import Path

import polib
import pytest
from django.conf import settings

from tests.factories import ReleaseFactory

from .pages import one, parse, text

CATALOGS = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.po"))


def test_there_is_a_catalog_for_every_language_but_english():
    languages = {path.parts[-3] for path in CATALOGS}
    assert languages == {code for code, _name in settings.LANGUAGES} - {"en"}


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: path.parts[-3])
def test_every_string_is_translated(path):
    catalog = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in catalog.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
    assert untranslated == [], "untranslated: run `make messages` and translate"
    assert fuzzy == [], "fuzzy (guessed) translations need checking"


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: path.parts[-3])
def test_the_compiled_catalog_matches_the_source(path):
    """Catches a .po edited without running `make messages` (compilemessages)."""
    with path.with_suffix(".mo").open("rb") as compiled:
        mo = gettext.GNUTranslations(compiled)
    for entry in polib.pofile(str(path)).translated_entries():
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            assert mo.ngettext(key, entry.msgid_plural, 1) == entry.msgstr_plural[0], entry.msgid
        else:
            assert mo.gettext(key) == entry.msgstr, entry.msgid


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "releases", "speakers"),
    [("ru", "Публикации", "Спикеры"), ("hi", "विज्ञप्तियाँ", "वक्ता")],
    ids=["ru", "hi"],
)
def test_navigation_is_in_the_page_language(client, language, releases, speakers):
    doc = parse(client.get(f"/{language}/releases/"))
    nav = [text(a) for a in doc.xpath("//nav[contains(@class, 'main-nav')]//a")]
    assert nav[:2] == [releases, speakers]


@pytest.mark.django_db
def test_the_embassy_name_is_translated(client):
    doc = parse(client.get("/ru/"))
    assert text(one(doc, "//p[@class='site-name']")) == "Посольство Российской Федерации в Индии"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("count", "phrase"),
    [(1, "1 публикация"), (3, "3 публикации"), (5, "5 публикаций"), (21, "21 публикация")],
    ids=["one", "few", "many", "twenty-one"],
)
def test_russian_counts_use_russian_plurals(client, count, phrase):
    ReleaseFactory.create_batch(count, published=True)
    doc = parse(client.get("/ru/releases/"))
    assert text(one(doc, "//p[@class='result-count']")) == phrase


@pytest.mark.django_db
def test_filter_labels_are_translated(client):
    doc = parse(client.get("/hi/releases/"))
    labels = [text(label) for label in doc.xpath("//form[@role='search']//label")]
    assert labels[:2] == ["प्रकार", "वक्ता"]


@pytest.mark.django_db
def test_the_admin_speaks_the_browsers_language(staff_client):
    ReleaseFactory()
    response = staff_client.get("/admin/releases/release/", HTTP_ACCEPT_LANGUAGE="ru")
    assert "переводы, требующие внимания" in text(parse(response))
    assert "RU: отсутствует или неполон" in text(parse(response))
