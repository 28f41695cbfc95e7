"""A field without a translation falls back to English, and the page says so:
the English fragment carries lang="en" and a notice tells the reader."""

import pytest
from django.utils import translation

from tests.factories import (
    EventFactory,
    EventParticipantFactory,
    ReleaseFactory,
    SpeakerFactory,
    TopicFactory,
)
from translations.status import fallback_language, shown_language, translation_status

from .pages import one, parse, text, url_in

pytestmark = pytest.mark.django_db

RU_NOTICE = "Этот текст пока не переведён на русский язык и показан на английском."
HI_NOTICE = "यह पाठ अभी हिंदी में उपलब्ध नहीं है; इसे अंग्रेज़ी में दिखाया गया है।"


def russian_release(**kwargs):
    return ReleaseFactory(
        published=True,
        title_ru="Второй раунд консультаций",
        summary_ru="Краткое содержание.",
        body_ru="<p>Текст публикации.</p>",
        **kwargs,
    )


def test_shown_language_follows_modeltranslation_fallback():
    release = ReleaseFactory(title_ru="Заголовок", summary_en="English only")
    with translation.override("ru"):
        assert shown_language(release, "title") == "ru"
        assert shown_language(release, "summary") == "en"
        assert fallback_language(release, "title", "summary") == "en"
    with translation.override("en"):
        assert fallback_language(release, "title", "summary") is None


def test_a_field_empty_in_every_language_is_not_a_fallback():
    release = ReleaseFactory(image_caption_en="")
    with translation.override("hi"):
        assert shown_language(release, "image_caption") is None
        assert translation_status(release, ["image_caption"]).needs_notice is False


def test_a_composite_value_is_marked_when_one_of_its_parts_falls_back():
    speaker = SpeakerFactory(honorific_en="Mr", name_ru="Олег Храмов")
    with translation.override("ru"):
        assert speaker.shown_language("full_name") == "en"
        speaker.honorific_ru = "г-н"
        assert speaker.shown_language("full_name") == "ru"


def test_untranslated_release_is_marked_english_on_the_russian_page(client):
    release = ReleaseFactory(published=True)
    doc = parse(client.get(url_in("ru", release)))
    assert one(doc, "/html").get("lang") == "ru"
    assert one(doc, "//h1").get("lang") == "en"
    assert one(doc, "//p[@class='summary']").get("lang") == "en"
    assert one(doc, "//div[@class='body']").get("lang") == "en"
    assert text(one(doc, "//div[@class='translation-notice']")) == RU_NOTICE


def test_the_notice_is_in_the_visitors_language(client):
    release = ReleaseFactory(published=True)
    doc = parse(client.get(url_in("hi", release)))
    assert one(doc, "/html").get("lang") == "hi"
    assert text(one(doc, "//div[@class='translation-notice']")) == HI_NOTICE


def test_translated_release_has_no_marks_and_no_notice(client):
    release = russian_release()
    doc = parse(client.get(url_in("ru", release)))
    assert one(doc, "//h1").get("lang") is None
    assert one(doc, "//div[@class='body']").get("lang") is None
    assert doc.xpath("//*[contains(@class, 'translation-notice')]") == []


def test_only_the_untranslated_part_is_marked(client):
    release = ReleaseFactory(published=True, title_ru="Заголовок по-русски")
    doc = parse(client.get(url_in("ru", release)))
    assert one(doc, "//h1").get("lang") is None
    assert one(doc, "//div[@class='body']").get("lang") == "en"
    assert doc.xpath("//div[@class='translation-notice']")


def test_english_pages_never_show_a_notice(client):
    release = ReleaseFactory(published=True)
    doc = parse(client.get(release.get_absolute_url()))
    assert doc.xpath("//main//*[@lang]") == []
    assert doc.xpath("//*[contains(@class, 'translation-notice')]") == []


def test_release_cards_mark_untranslated_titles_and_label_them(client):
    ReleaseFactory(published=True, title_en="Only in English")
    russian_release()
    doc = parse(client.get("/ru/releases/"))
    english, russian = (
        one(doc, f"//li[@class='card'][.//a[text()='{title}']]")
        for title in ("Only in English", "Второй раунд консультаций")
    )
    assert one(english, ".//h2").get("lang") == "en"
    assert text(one(english, ".//p[@class='translation-note']")) == "На английском"
    assert one(russian, ".//h2").get("lang") is None
    assert russian.xpath(".//p[@class='translation-note']") == []


def test_speaker_page_marks_untranslated_position(client):
    speaker = SpeakerFactory(name_ru="Сергей Лавров", country_ru="Россия")
    ReleaseFactory(published=True, speakers=[speaker])
    doc = parse(client.get(f"/ru/speakers/{speaker.slug}/"))
    assert one(doc, "//h1").get("lang") is None
    assert one(doc, "//p[@class='position']").get("lang") == "en"
    assert text(one(doc, "//div[@class='translation-notice']")) == RU_NOTICE


def test_speaker_names_in_cards_are_marked_when_untranslated(client):
    ReleaseFactory(published=True, speakers=[SpeakerFactory(name_en="Gulshan Rai")])
    doc = parse(client.get("/hi/releases/"))
    assert one(doc, "//p[@class='card-speakers']/span").get("lang") == "en"


def test_event_page_marks_untranslated_title_and_participant_role(client):
    event = EventFactory(published=True, city_ru="Нью-Дели")
    EventParticipantFactory(event=event, speaker__name_ru="Олег Храмов", role_en="Head")
    doc = parse(client.get(f"/ru/events/{event.slug}/"))
    assert one(doc, "//h1").get("lang") == "en"
    assert one(doc, "//ul[@class='speakers']/li/span").get("lang") == "en"
    assert doc.xpath("//dd[span[@lang]]") == []  # the city is translated
    assert text(one(doc, "//div[@class='translation-notice']")) == RU_NOTICE


def test_topic_page_marks_an_untranslated_name(client):
    topic = TopicFactory(name_en="Consular matters")
    doc = parse(client.get(f"/hi/topics/{topic.slug}/"))
    assert one(doc, "//h1/span").get("lang") == "en"
    assert text(one(doc, "//div[@class='translation-notice']")) == HI_NOTICE


def test_topic_page_in_hindi_has_no_notice_when_translated(client):
    topic = TopicFactory(name_en="BRICS", name_hi="ब्रिक्स")
    doc = parse(client.get(f"/hi/topics/{topic.slug}/"))
    assert "ब्रिक्स" in text(one(doc, "//h1"))
    assert doc.xpath("//div[@class='translation-notice']") == []


def test_public_pages_stay_free_of_inline_styles_and_scripts(client):
    release = ReleaseFactory(published=True)
    response = client.get(url_in("ru", release))
    doc = parse(response)
    # JSON-LD is data for search engines, never executed: the only script allowed.
    assert doc.xpath("//*[@style] | //style | //script[not(@type='application/ld+json')]") == []


def test_list_queries_do_not_grow_with_fallbacks(client, count_queries):
    ReleaseFactory.create_batch(2, published=True, speakers=[SpeakerFactory()])
    few = count_queries(lambda: client.get("/ru/releases/"))
    ReleaseFactory.create_batch(6, published=True, speakers=[SpeakerFactory()])
    assert count_queries(lambda: client.get("/ru/releases/")) == few
