"""The parts of search that need no database: cleaning what was typed, the
web-search syntax as the SQLite fallback reads it, its ranking, snippets."""

import json
import time

from releases.discovery.search import (
    MAX_QUERY_LENGTH,
    MAX_TERMS,
    START_SEL,
    STOP_SEL,
    clean_query,
    fallback_rank,
    mark_headline,
    parse_query,
    snippet,
)


def rank(query, title="", summary="", body=""):
    return fallback_rank(title, summary, body, json.dumps(parse_query(query)))


def test_clean_query_removes_nul_and_control_characters():
    assert clean_query("visa\x00 \x1b[31mcentre\t\n").text == "visa [31mcentre"


def test_clean_query_shortens_long_input_and_says_so():
    query = clean_query("word " * 5000)

    assert query.truncated
    assert len(query.text) <= MAX_QUERY_LENGTH


def test_clean_query_keeps_short_input_whole():
    assert clean_query("  посол   в Дели ") == clean_query("посол в Дели")
    assert not clean_query("посол в Дели").truncated


def test_parse_reads_phrases_or_and_minus():
    assert parse_query('"Joint Statement" -draft OR Визит') == [
        [["joint statement", False], ["draft", True]],
        [["визит", False]],
    ]


def test_parse_treats_operators_alone_as_nothing():
    for query in ("-", "OR", '"', '""', "- OR -", "«»"):
        assert parse_query(query) == []


def test_parse_reads_an_unbalanced_quote_as_a_phrase_to_the_end():
    assert parse_query('visit "prime minister') == [
        [["visit", False], ["prime minister", False]],
    ]


def test_parse_keeps_at_most_max_terms():
    groups = parse_query(" ".join(f"word{n}" for n in range(100)))

    assert sum(len(group) for group in groups) == MAX_TERMS


def test_rank_folds_case_in_any_script():
    assert rank("посол", title="ПОСОЛ России") > 0
    assert rank("straße", title="STRASSE") > 0
    assert rank("ёлка", title="Елка") > 0


def test_rank_puts_titles_before_summaries_before_bodies():
    in_title = rank("visit", title="A visit")
    in_summary = rank("visit", summary="A visit")
    in_body = rank("visit", body="<p>A visit</p>")

    assert in_title > in_summary > in_body > 0


def test_rank_finds_a_phrase_across_a_line_break():
    assert rank('"joint statement"', body="<p>A joint\n   statement</p>") > 0


def test_rank_ignores_markup_in_the_body():
    assert rank("strong", body="<p><strong>Firm</strong> words</p>") == 0
    assert rank("tea & coffee", body="<p>Tea &amp; coffee</p>") > 0


def test_rank_applies_minus_and_or():
    assert rank("visit -pune", title="Visit to Pune") == 0
    assert rank("pune OR goa", title="Visit to Goa") > 0
    assert rank("pune goa", title="Visit to Goa") == 0


def test_rank_of_a_long_text_takes_bounded_time():
    body = "<p>" + "слово " * 200_000 + "</p>"
    groups = json.dumps(parse_query(" ".join(f"нет{n}" for n in range(50))))

    started = time.monotonic()
    fallback_rank("Заголовок", "", body, groups)

    assert time.monotonic() - started < 2


def test_snippet_marks_matches_around_the_first_one():
    text = "Introduction. " * 40 + "The ambassador met the Governor of Kerala. " + "More. " * 40

    html = snippet(text, parse_query("kerala governor"))

    assert "<mark>Governor</mark>" in html
    assert "<mark>Kerala</mark>" in html
    assert html.startswith("… ")
    assert html.endswith(" …")


def test_snippet_escapes_the_text():
    html = snippet("Rules: <b>bold</b> & more", parse_query("rules"))

    assert html == "<mark>Rules</mark>: &lt;b&gt;bold&lt;/b&gt; &amp; more"


def test_headline_markers_become_balanced_mark_elements():
    headline = f"A {START_SEL}visit{STOP_SEL} &amp; <em>a</em> stray {STOP_SEL}{START_SEL}"

    assert mark_headline(headline) == "A <mark>visit</mark> &amp; &lt;em&gt;a&lt;/em&gt; stray "
