"""Text is cleaned on every save (embassy/text.py): control characters go,
one-line fields hold no line break, rich text is sanitised, in every model
and every language."""

import pytest

from contacts.models import ContactPoint, Office
from embassy.text import clean_line, clean_text
from releases.models import Release
from tests.contacts.factories import ContactPointFactory, OfficeFactory
from tests.factories import EventFactory, ReleaseFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("pasted", "stored"),
    [
        ("Soft\x0bbreak", "Soft\nbreak"),  # Word's soft line break still separates words
        ("Windows\r\nMac\rUnix\nend", "Windows\nMac\nUnix\nend"),
        ("line\u2028paragraph\u2029end", "line\nparagraph\nend"),
        ("NUL\x00bell\x07escape\x1bDEL\x7f", "NULbellescapeDEL"),
        ("non\ufffecharacters\uffff", "noncharacters"),
        ("tab\tkept, emoji 😀, e\u0301, \u202eRLO", "tab\tkept, emoji 😀, e\u0301, \u202eRLO"),
    ],
)
def test_multi_line_text_keeps_its_words_and_loses_control_characters(pasted, stored):
    assert clean_text(pasted) == stored


def test_a_line_break_in_one_line_text_becomes_a_space():
    assert clean_line("Talks\r\nin\x0bMoscow\u2028today") == "Talks in Moscow today"


def test_every_language_of_a_release_is_cleaned_on_save():
    release = ReleaseFactory(
        title_en="Visit\x0bof the Minister",
        title_ru="Визит\x00 министра",
        title_hi="मंत्री\r\nकी यात्रा",
        summary_ru="Первая строка\r\nвторая\x0c",
    )
    release.refresh_from_db()

    assert (release.title_en, release.title_ru, release.title_hi) == (
        "Visit of the Minister",
        "Визит министра",
        "मंत्री की यात्रा",
    )
    assert release.summary_ru == "Первая строка\nвторая\n"


def test_rich_text_is_cleaned_and_sanitised_on_save():
    release = ReleaseFactory(body_ru="<p>Текст\x0bдалее\x00<script>alert(1)</script></p>")
    release.refresh_from_db()

    assert release.body_ru == "<p>Текст\nдалее</p>"


def test_consular_contacts_are_cleaned_on_save():
    office = OfficeFactory(name_en="Consular\x0bsection", visitor_notes_hi="पहला\x01\r\nदूसरा")
    contact = ContactPointFactory(office=office, label_ru="Визовый\nотдел\x1f")

    office = Office.objects.get(pk=office.pk)
    contact = ContactPoint.objects.get(pk=contact.pk)
    assert office.name_en == "Consular section"
    assert office.visitor_notes_hi == "पहला\nदूसरा"
    assert contact.label_ru == "Визовый отдел"


def test_speakers_and_events_are_cleaned_on_save():
    speaker = SpeakerFactory(name_en="Sergey\x0bLavrov", biography_en="Born\x00 in 1950.")
    event = EventFactory(title_en="Talks\nin Moscow", venue_ru="Дом\r\nприёмов")

    speaker.refresh_from_db()
    event.refresh_from_db()
    assert (speaker.name_en, speaker.biography_en) == ("Sergey Lavrov", "Born in 1950.")
    assert (event.title_en, event.venue_ru) == ("Talks in Moscow", "Дом приёмов")


def test_saving_cleaned_text_again_leaves_translations_up_to_date():
    """The translation's fingerprints are of the text as stored, so a second
    save of the same text does not mark the translation out of date."""
    release = ReleaseFactory(
        title_en="Visit\x01 of the Minister", title_ru="Визит министра", title_hi="यात्रा"
    )
    release = Release.objects.get(pk=release.pk)
    release.save()

    release = Release.objects.get(pk=release.pk)
    assert not release.is_translation_out_of_date("ru")


def test_a_save_of_some_fields_cleans_those_it_writes():
    release = ReleaseFactory()
    release.title_ru = "Визит\x0bминистра"

    release.save(update_fields=["title_ru"])

    assert Release.objects.get(pk=release.pk).title_ru == "Визит министра"
