"""The search page, on whichever database the suite runs on (SQLite's
fallback or PostgreSQL's full-text search): what a visitor sees."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from releases.discovery.search import MAX_QUERY_LENGTH
from releases.models import ReleaseKind
from tests.factories import EventFactory, ReleaseFactory, SpeakerFactory, TopicFactory

from .helpers import by_class, parse_html

pytestmark = pytest.mark.django_db


def search(client, q, language="en", **filters):
    with translation.override(language):
        url = reverse("releases:search")
    return client.get(url, {"q": q, **filters})


def result_titles(response):
    return [
        " ".join(a.text_content().split())
        for results in by_class(parse_html(response), "search-results")
        for title in by_class(results, "card-title")
        for a in title.xpath(".//a")
    ]


def test_finds_a_published_release_by_a_word_of_its_title(client):
    ReleaseFactory(published=True, title_en="Ambassador visits Kerala")
    ReleaseFactory(published=True, title_en="Consular hours during the holidays")

    response = search(client, "kerala")

    assert response.status_code == 200
    assert result_titles(response) == ["Ambassador visits Kerala"]


def test_matches_cyrillic_whatever_the_case(client):
    ReleaseFactory(
        published=True, title_en="Ambassador's meeting", title_ru="Посол России в Ченнаи"
    )

    for query in ("посол", "ПОСОЛ", "Посол"):
        assert result_titles(search(client, query, language="ru")) == ["Посол России в Ченнаи"]


def test_searches_the_summary_and_the_body(client):
    ReleaseFactory(published=True, title_en="One", summary_en="About the monsoon season.")
    ReleaseFactory(published=True, title_en="Two", body_en="<p>The <b>cricket</b> match.</p>")

    assert result_titles(search(client, "monsoon")) == ["One"]
    assert result_titles(search(client, "cricket")) == ["Two"]


def test_title_matches_rank_before_body_matches(client):
    ReleaseFactory(
        published=True,
        title_en="Statement on trade",
        body_en="<p>Talks on fertilisers went on.</p>",
        date=datetime.date(2020, 1, 1),
    )
    ReleaseFactory(
        published=True,
        title_en="Fertilisers supply agreed",
        body_en="<p>An agreement.</p>",
        date=datetime.date(2019, 1, 1),
    )

    assert result_titles(search(client, "fertilisers")) == [
        "Fertilisers supply agreed",
        "Statement on trade",
    ]


def test_a_page_in_russian_also_finds_texts_not_yet_translated(client):
    ReleaseFactory(published=True, title_en="Visit to Goa", title_ru="")

    assert result_titles(search(client, "goa", language="ru")) == ["Visit to Goa"]


def test_searches_the_language_of_the_page(client):
    ReleaseFactory(published=True, title_en="Tea exports", title_ru="Экспорт чая")

    assert result_titles(search(client, "чая", language="ru")) == ["Экспорт чая"]
    assert result_titles(search(client, "чая", language="en")) == []


def test_minus_excludes_a_word_and_or_allows_either(client):
    ReleaseFactory(published=True, title_en="Visit to Mumbai")
    ReleaseFactory(published=True, title_en="Visit to Pune")
    ReleaseFactory(published=True, title_en="Exhibition in Kolkata")

    assert result_titles(search(client, "visit -pune")) == ["Visit to Mumbai"]
    assert sorted(result_titles(search(client, "pune OR kolkata"))) == [
        "Exhibition in Kolkata",
        "Visit to Pune",
    ]


def test_quotes_search_for_a_phrase(client):
    ReleaseFactory(published=True, title_en="Joint statement on space")
    ReleaseFactory(published=True, title_en="Statement on joint exercises")

    assert result_titles(search(client, '"joint statement"')) == ["Joint statement on space"]


def test_combines_with_the_list_filters(client):
    speaker = SpeakerFactory()
    topic = TopicFactory()
    event = EventFactory(published=True)
    ReleaseFactory(published=True, title_en="Energy speech", kind=ReleaseKind.SPEECH)
    ReleaseFactory(published=True, title_en="Energy statement", kind=ReleaseKind.STATEMENT)
    ReleaseFactory(published=True, title_en="Energy by a speaker", speakers=[speaker])
    ReleaseFactory(published=True, title_en="Energy topic", topics=[topic])
    ReleaseFactory(published=True, title_en="Energy event", event=event)
    ReleaseFactory(published=True, title_en="Energy of 2019", date=datetime.date(2019, 5, 1))

    assert result_titles(search(client, "energy", kind="speech")) == ["Energy speech"]
    assert result_titles(search(client, "energy", speaker=speaker.slug)) == ["Energy by a speaker"]
    assert result_titles(search(client, "energy", topic=topic.slug)) == ["Energy topic"]
    assert result_titles(search(client, "energy", event=event.slug)) == ["Energy event"]
    assert result_titles(search(client, "energy", year="2019")) == ["Energy of 2019"]


def test_an_unknown_filter_value_is_reported_and_ignored(client):
    ReleaseFactory(published=True, title_en="Energy")

    response = search(client, "energy", speaker="nobody")

    assert response.status_code == 200
    assert result_titles(response) == ["Energy"]
    assert by_class(parse_html(response), "form-errors")


def test_drafts_and_scheduled_releases_are_not_found(client):
    ReleaseFactory(title_en="Secret draft about rice")
    ReleaseFactory(scheduled=True, title_en="Tomorrow's news about rice")
    ReleaseFactory(published=True, title_en="Public news about rice")

    assert result_titles(search(client, "rice")) == ["Public news about rice"]


def test_snippet_highlights_the_match_and_escapes_the_text(client):
    ReleaseFactory(
        published=True,
        title_en="Customs",
        summary_en="Rules for <script>alert(1)</script> travellers & their baggage.",
    )

    response = search(client, "baggage")

    snippet = by_class(parse_html(response), "snippet")[0]
    assert [mark.text for mark in snippet.xpath(".//mark")] == ["baggage"]
    assert not snippet.xpath(".//script")
    assert "travellers & their" in snippet.text_content()
    assert b"<script>alert" not in response.content


def test_results_are_paginated(client):
    for number in range(12):
        ReleaseFactory(published=True, title_en=f"Scholarship notice {number}")

    first = search(client, "scholarship")
    second = search(client, "scholarship", page="2")

    assert len(result_titles(first)) == 10
    assert len(result_titles(second)) == 2
    assert "12" in by_class(parse_html(first), "result-count")[0].text_content()


def test_a_common_word_ranks_the_newest_matches_and_says_there_are_more(client, monkeypatch):
    monkeypatch.setattr("releases.discovery.search.RANKED_MATCHES", 3)
    for year in range(2016, 2021):
        ReleaseFactory(
            published=True, title_en=f"Harbour works {year}", date=datetime.date(year, 1, 1)
        )

    response = search(client, "harbour")

    assert sorted(result_titles(response)) == [f"Harbour works {y}" for y in (2018, 2019, 2020)]
    count = by_class(parse_html(response), "result-count")[0].text_content()
    assert "More than 3 releases found" in count
    assert "add a word or a filter" in count
    in_russian = by_class(parse_html(search(client, "harbour", language="ru")), "result-count")
    assert "Найдено более 3 публикаций" in in_russian[0].text_content()


def test_a_word_matched_below_the_limit_is_counted_exactly(client, monkeypatch):
    monkeypatch.setattr("releases.discovery.search.RANKED_MATCHES", 3)
    ReleaseFactory.create_batch(3, published=True, title_en="Harbour works")

    count = by_class(parse_html(search(client, "harbour")), "result-count")[0].text_content()

    assert "3 releases found" in count
    assert "More than" not in count


def test_a_match_far_into_a_long_body_still_gets_a_marked_snippet(client):
    filler = "<p>" + "The consulate reviewed routine paperwork. " * 120 + "</p>"
    ReleaseFactory(
        published=True, title_en="Annual report", body_en=filler + "<p>Monsoon relief.</p>"
    )

    response = search(client, "monsoon")

    snippet = by_class(parse_html(response), "snippet")[0]
    assert [mark.text for mark in snippet.xpath(".//mark")] == ["Monsoon"]


def test_an_empty_search_shows_the_form_and_no_results(client):
    ReleaseFactory(published=True, title_en="Anything")

    response = search(client, "   ")

    assert response.status_code == 200
    assert result_titles(response) == []
    assert by_class(parse_html(response), "search-form", "form")[0].xpath(".//input[@name='q']")


@pytest.mark.parametrize(
    "query",
    [
        "-",
        "OR",
        '"',
        '""',
        '"unbalanced quote',
        "- - OR OR -",
        "a & b | !c <-> d:* (e)",
        "'; DROP TABLE releases_release; --",
        "\\",
        "%_%",
        "visa\x00application",
        "\x00",
        "\ue000visa\ue001",
        "🙂 визы वीज़ा",
    ],
)
def test_hostile_input_gives_a_result_page(client, query):
    ReleaseFactory(published=True, title_en="Visa application centres")

    response = search(client, query)

    assert response.status_code == 200
    assert parse_html(response).get_element_by_id("search-q") is not None


def test_nul_bytes_are_dropped_not_rejected(client):
    ReleaseFactory(published=True, title_en="Visa application centres")

    assert result_titles(search(client, "visa\x00")) == ["Visa application centres"]


def test_a_very_long_search_is_shortened_with_a_message(client):
    ReleaseFactory(published=True, title_en="Visa application centres")

    response = search(client, "visa " + "x" * 10_000)

    assert response.status_code == 200
    assert len(response.context["query"].text) <= MAX_QUERY_LENGTH
    alert = by_class(parse_html(response), "form-errors")[0]
    assert alert.get("role") == "alert"
    assert str(MAX_QUERY_LENGTH) in alert.text_content()


def test_the_query_is_shown_back_escaped(client):
    response = search(client, '"><script>alert(1)</script>')

    assert b"<script>alert(1)" not in response.content
    field = parse_html(response).get_element_by_id("search-q")
    assert field.get("value") == '"><script>alert(1)</script>'


def test_every_page_has_a_labelled_search_box(client):
    page = parse_html(client.get(reverse("releases:index")))

    form = page.xpath("//header//form[@role='search']")[0]
    assert form.get("action") == reverse("releases:search")
    assert form.get("method") == "get"
    field = form.xpath(".//input[@name='q']")[0]
    assert form.xpath(f".//label[@for='{field.get('id')}']")


def test_search_pages_ask_not_to_be_indexed(client):
    page = parse_html(search(client, "visa"))

    assert page.xpath("//meta[@name='robots' and starts-with(@content, 'noindex')]")


def test_the_bare_address_redirects_to_a_language_keeping_the_query(client):
    response = client.get("/search/", {"q": "visa"}, headers={"accept-language": "ru"})

    assert response.status_code == 302
    assert response["Location"] == "/ru/search/?q=visa"


def test_the_search_page_speaks_the_page_language(client):
    ReleaseFactory(published=True, title_en="Visa", title_ru="Визы")

    page = parse_html(search(client, "визы", language="ru"))

    assert page.xpath("//h1")[0].text_content() == "Поиск"
    assert "Найдена 1 публикация" in by_class(page, "result-count")[0].text_content()


def test_queries_do_not_grow_with_the_number_of_results(client, count_queries):
    speaker, topic = SpeakerFactory(), TopicFactory()
    ReleaseFactory.create_batch(2, published=True, title_en="Harbour", speakers=[speaker])
    few = count_queries(lambda: search(client, "harbour"))
    ReleaseFactory.create_batch(6, published=True, title_en="Harbour", topics=[topic])

    assert count_queries(lambda: search(client, "harbour")) == few
