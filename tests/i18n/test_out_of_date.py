"""When the English original changes after a translation was made, the
translation says it "may be out of date" until an editor updates or confirms it."""

import pytest
from django.utils import translation

from releases.models import Release
from tests.factories import EventFactory, ReleaseFactory, SpeakerFactory
from translations.tracking import TranslationState, fingerprints_for

from .pages import admin_form_data, one, parse, text, url_in

pytestmark = pytest.mark.django_db

RU_OUT_OF_DATE = (
    "Возможно, этот перевод устарел: после перевода оригинальный текст был изменён. Читать оригинал"
)


def translated_release(**kwargs):
    return ReleaseFactory(
        published=True,
        title_ru="Заголовок",
        summary_ru="Кратко.",
        body_ru="<p>Текст.</p>",
        **kwargs,
    )


def edit(obj, **values):
    """Save `values` the way an editor does: on a freshly loaded row."""
    obj = type(obj).objects.get(pk=obj.pk)
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save()
    return type(obj).objects.get(pk=obj.pk)


def test_a_new_translation_is_up_to_date():
    release = translated_release()
    assert release.translation_state("ru") == TranslationState.UP_TO_DATE
    assert not release.is_translation_out_of_date("ru")


def test_editing_the_original_makes_the_translation_out_of_date():
    release = edit(translated_release(), body_en="<p>The text, corrected.</p>")
    assert release.is_translation_out_of_date("ru")
    assert release.translation_state("ru") == TranslationState.OUT_OF_DATE


def test_editing_the_translation_in_the_same_save_keeps_it_current():
    release = edit(translated_release(), title_en="New title", title_ru="Новый заголовок")
    assert not release.is_translation_out_of_date("ru")


def test_updating_the_translation_later_makes_it_current_again():
    release = edit(translated_release(), summary_en="A better summary.")
    release = edit(release, summary_ru="Лучшее краткое содержание.")
    assert not release.is_translation_out_of_date("ru")


def test_confirming_a_translation_makes_it_current():
    release = edit(translated_release(), summary_en="A better summary.")
    release.confirm_translation("ru")
    release.save()
    release.refresh_from_db()
    assert not release.is_translation_out_of_date("ru")


def test_white_space_changes_do_not_date_a_translation():
    release = edit(translated_release(), summary_en="  A short   summary.\n")
    assert not release.is_translation_out_of_date("ru")


def test_putting_the_original_back_makes_the_translation_current_again():
    first = translated_release(title_en="Original title")
    changed = edit(first, title_en="Changed title")
    assert changed.is_translation_out_of_date("ru")
    restored = edit(changed, title_en="Original title")
    assert not restored.is_translation_out_of_date("ru")


def test_editing_fields_that_are_not_tracked_dates_nothing():
    release = edit(translated_release(), place_en="Moscow", status="draft")
    assert not release.is_translation_out_of_date("ru")


def test_untranslated_languages_are_missing_not_out_of_date():
    release = edit(translated_release(), title_en="Changed")
    assert not release.is_translation_out_of_date("hi")
    assert release.translation_state("hi") == TranslationState.MISSING


def test_a_partial_translation_counts_as_missing():
    release = ReleaseFactory(title_ru="Только заголовок")
    assert release.translation_state("ru") == TranslationState.MISSING


def test_saving_only_some_fields_still_dates_the_translation():
    release = Release.objects.get(pk=translated_release().pk)
    release.title_en = "Changed with update_fields"
    release.save(update_fields=["title_en"])
    release.refresh_from_db()
    assert release.is_translation_out_of_date("ru")


def test_speakers_and_events_are_tracked_too():
    speaker = edit(SpeakerFactory(name_ru="Имя"), name_en="A new name")
    event = edit(EventFactory(title_ru="Событие"), title_en="A new title")
    assert speaker.is_translation_out_of_date("ru")
    assert event.is_translation_out_of_date("ru")


def test_rows_that_existed_before_tracking_count_as_current():
    values = {"en": ["Title", "Summary"], "ru": ["Заголовок", ""], "hi": ["", ""]}
    source, translations = fingerprints_for(values.get, {})
    assert translations["ru"]["source"] == source
    assert "hi" not in translations


def test_the_russian_page_says_the_translation_may_be_out_of_date(client):
    release = edit(translated_release(), body_en="<p>A corrected text.</p>")
    doc = parse(client.get(url_in("ru", release)))
    notice = one(doc, "//div[@class='translation-notice']")
    assert text(notice) == RU_OUT_OF_DATE
    link = one(notice, ".//a")
    assert link.get("href") == url_in("en", release)
    assert link.get("hreflang") == "en"


def test_the_english_and_untranslated_pages_do_not_say_it(client):
    release = edit(translated_release(), body_en="<p>A corrected text.</p>")
    for language in ("en", "hi"):
        doc = parse(client.get(url_in(language, release)))
        assert "out of date" not in text(doc)
        assert "устарел" not in text(doc)


def test_the_notice_goes_once_an_editor_confirms_in_the_admin(client, staff_client):
    release = edit(translated_release(), body_en="<p>A corrected text.</p>")
    assert "устарел" in text(parse(client.get(url_in("ru", release))))

    change_url = f"/admin/releases/release/{release.pk}/change/"
    data = admin_form_data(parse(staff_client.get(change_url)))
    assert "confirm_translation_ru" not in data  # never ticked in advance
    data["confirm_translation_ru"] = "on"
    response = staff_client.post(change_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    doc = parse(client.get(url_in("ru", release)))
    assert doc.xpath("//div[@class='translation-notice']") == []


def test_saving_an_edited_original_in_the_admin_dates_the_translation(staff_client):
    release = translated_release()
    change_url = f"/admin/releases/release/{release.pk}/change/"
    data = admin_form_data(parse(staff_client.get(change_url)))
    data["title_en"] = "A reworded English title"
    assert staff_client.post(change_url, data).status_code == 302
    release.refresh_from_db()
    with translation.override("ru"):
        assert release.is_translation_out_of_date("ru")
