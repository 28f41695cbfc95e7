"""Dates are written the way each language writes them."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.factories import EventFactory, ReleaseFactory

from .pages import one, parse, text, url_in

FEB_10 = datetime.date(2018, 2, 10)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "10 February 2018"), ("ru", "10 февраля 2018 г."), ("hi", "10 फरवरी 2018")],
)
def test_date_format_follows_the_language(language, expected):
    template = Template('{{ date|date:"DATE_FORMAT" }}')
    with translation.override(language):
        assert template.render(Context({"date": FEB_10})) == expected


@pytest.mark.parametrize(("month", "expected"), [(9, "सितंबर"), (11, "नवंबर"), (12, "दिसंबर")])
def test_hindi_month_names_are_spelled_correctly(month, expected):
    template = Template('{{ date|date:"DATE_FORMAT" }}')
    with translation.override("hi"):
        assert template.render(Context({"date": datetime.date(2018, month, 1)})) == (
            f"1 {expected} 2018"
        )


@pytest.mark.django_db
def test_the_dateline_is_written_in_the_active_language():
    release = ReleaseFactory(date=FEB_10, place_en="Moscow", place_ru="Москва")
    with translation.override("ru"):
        assert release.dateline == "Москва, 10 февраля 2018 г."
    with translation.override("hi"):
        assert release.dateline == "Moscow, 10 फरवरी 2018"


@pytest.mark.django_db
def test_release_page_shows_the_russian_date(client):
    release = ReleaseFactory(published=True, date=FEB_10, place_ru="Москва")
    doc = parse(client.get(url_in("ru", release)))
    assert text(one(doc, "//p[@class='dateline']")) == "Москва, 10 февраля 2018 г."


@pytest.mark.django_db
def test_event_times_use_the_languages_clock(client):
    event = EventFactory(
        published=True,
        start_date=FEB_10,
        start_time=datetime.time(18, 30),
        end_time=datetime.time(21, 0),
    )
    doc = parse(client.get(url_in("ru", event)))
    assert text(one(doc, "//dl[@class='facts']/dd[1]")) == "10 февраля 2018 г., 18:30–21:00"
