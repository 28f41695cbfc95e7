"""The admin edits the three languages side by side and lists the
translations that need attention."""

import json

import pytest

from tests.factories import EventFactory, ReleaseFactory, SpeakerFactory

from .pages import one, parse, text

pytestmark = pytest.mark.django_db


def release_titles(staff_client, query=""):
    doc = parse(staff_client.get(f"/admin/releases/release/{query}"))
    return {
        text(cell) for cell in doc.xpath("//table[@id='result_list']//th[@class='field-title']")
    }


@pytest.fixture
def releases():
    current = ReleaseFactory(
        title_en="Current", title_ru="Актуально", summary_ru="Кратко", body_ru="<p>Т</p>"
    )
    stale = ReleaseFactory(
        title_en="Stale", title_ru="Устарело", summary_ru="Кратко", body_ru="<p>Т</p>"
    )
    stale.body_en = "<p>The English text was rewritten.</p>"
    stale.save()
    missing = ReleaseFactory(title_en="Missing")
    return current, stale, missing


def test_filter_lists_out_of_date_translations(staff_client, releases):
    assert release_titles(staff_client, "?translation=ru-out-of-date") == {"Stale"}


def test_filter_lists_missing_translations(staff_client, releases):
    assert release_titles(staff_client, "?translation=ru-missing") == {"Missing"}
    # Nothing is translated into Hindi, so every release needs it.
    assert release_titles(staff_client, "?translation=hi-missing") == {
        "Current",
        "Stale",
        "Missing",
    }
    assert release_titles(staff_client, "?translation=hi-out-of-date") == set()


def test_filter_ignores_a_value_it_does_not_know(staff_client, releases):
    assert release_titles(staff_client, "?translation=de-missing") == {
        "Current",
        "Stale",
        "Missing",
    }


def test_filter_offers_each_language_and_state(staff_client, releases):
    doc = parse(staff_client.get("/admin/releases/release/"))
    choices = {text(a) for a in doc.xpath("//*[@id='changelist-filter']//a")}
    assert {
        "Russian: missing or incomplete",
        "Russian: may be out of date",
        "Hindi: missing or incomplete",
        "Hindi: may be out of date",
    } <= choices


def test_the_list_shows_each_translations_state(staff_client, releases):
    doc = parse(staff_client.get("/admin/releases/release/?translation=ru-out-of-date"))
    cell = one(doc, "//td[@class='field-translations_column']")
    assert text(cell) == "RU: may be out of date · HI: missing or incomplete"


def test_speaker_and_event_lists_have_the_filter(staff_client):
    SpeakerFactory(name_en="Untranslated speaker")
    EventFactory(title_en="Translated event", title_ru="Событие")
    speakers = parse(staff_client.get("/admin/releases/speaker/?translation=ru-missing"))
    events = parse(staff_client.get("/admin/releases/event/?translation=ru-missing"))
    assert "Untranslated speaker" in text(speakers)
    assert "Translated event" not in text(events)


def test_the_form_labels_each_language(staff_client):
    doc = parse(staff_client.get("/admin/releases/release/add/"))
    labels = {text(label) for label in doc.xpath("//label")}
    assert {"Title [en]:", "Title [ru]:", "Title [hi]:", "Text [ru]:"} <= labels


def test_the_slug_is_prepopulated_from_the_english_title(staff_client):
    doc = parse(staff_client.get("/admin/releases/release/add/"))
    config = one(doc, "//*[@id='django-admin-prepopulated-fields-constants']")
    fields = json.loads(config.get("data-prepopulated-fields"))
    assert fields[0]["id"] == "#id_slug"
    assert fields[0]["dependency_ids"] == ["#id_title_en"]


def test_the_form_loads_nothing_from_a_cdn(staff_client):
    response = staff_client.get("/admin/releases/release/add/")
    doc = parse(response)
    sources = doc.xpath("//script/@src | //link/@href")
    assert sources and all(src.startswith("/") for src in sources)


def test_confirm_boxes_explain_the_current_state(staff_client, releases):
    _current, stale, _missing = releases
    doc = parse(staff_client.get(f"/admin/releases/release/{stale.pk}/change/"))
    box = one(doc, "//input[@name='confirm_translation_ru']")
    assert box.get("checked") is None
    help_text = one(doc, "//div[@id='id_confirm_translation_ru_helptext']")
    assert text(help_text) == "Now: may be out of date."
