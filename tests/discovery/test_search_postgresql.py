"""PostgreSQL's full-text search: stemming per language, highlighted
snippets, and the GIN index the query actually uses."""

import pytest
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from releases.discovery.search import SEARCH_CONFIGS, ReleaseSearch
from releases.models import Release
from tests.factories import ReleaseFactory

from .helpers import by_class, on_postgresql, parse_html

pytestmark = [pytest.mark.django_db, on_postgresql]


def found(q, language="en"):
    search = ReleaseSearch(q, language)
    return list(search.rank(Release.objects.published()).values_list("title_en", flat=True))


def test_english_words_are_stemmed():
    ReleaseFactory(published=True, title_en="Meetings with students")

    assert found("student meeting") == ["Meetings with students"]


def test_russian_words_are_stemmed():
    ReleaseFactory(published=True, title_en="Schools", title_ru="Открытие новой школы")

    assert found("школа", "ru") == ["Schools"]


def test_hindi_words_match_exactly_without_stemming():
    ReleaseFactory(published=True, title_en="Culture", title_hi="सांस्कृतिक कार्यक्रम")

    assert found("कार्यक्रम", "hi") == ["Culture"]
    assert found("कार्य", "hi") == []


def test_stop_words_alone_find_nothing_without_an_error():
    ReleaseFactory(published=True, title_en="The end")

    assert found("the and of") == []


@pytest.mark.parametrize("language", SEARCH_CONFIGS)
def test_every_language_has_its_gin_index(language):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s", [f"release_search_{language}"]
        )
        (definition,) = cursor.fetchone()

    assert "USING gin" in definition


def plan(queryset):
    with connection.cursor() as cursor:
        # A table of a few rows is read whole unless sequential scans are off;
        # what matters is that the planner *can* use the index for this query.
        # Plain index scans are off too: for a ranked search, walking the date
        # index (which a common word makes the cheaper way to its newest
        # matches) would otherwise always win on a table this small.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        return queryset.explain()


@pytest.mark.parametrize("language", SEARCH_CONFIGS)
def test_the_search_query_uses_the_gin_index(language):
    ReleaseFactory.create_batch(3, published=True)
    search = ReleaseSearch("embassy visit", language)
    # Without published()'s status condition, whose own b-tree index a planner
    # facing three rows prefers: only the text match can use an index here.
    releases = Release.objects.order_by()

    for queryset in (search.filter(releases), search.rank(releases)):
        assert f"Bitmap Index Scan on release_search_{language}" in plan(queryset)


def test_a_ranked_search_reads_a_bounded_set_of_matches():
    ReleaseFactory.create_batch(3, published=True)
    search = ReleaseSearch("embassy visit", "en")

    ranked = plan(search.rank(Release.objects.order_by()))

    # The matches to rank are the newest RANKED_MATCHES + 1, found in date
    # order; ranking reads only their documents, however many match.
    assert "Limit" in ranked
    assert 'Sort Key: "U0".date DESC' in ranked


@pytest.mark.parametrize("language", SEARCH_CONFIGS)
def test_phrases_or_minus_and_prefixes_use_the_gin_index_too(language):
    ReleaseFactory.create_batch(3, published=True)
    search = ReleaseSearch('"Сергей Лавров" OR Сталинград -Путин OR the', language)
    releases = Release.objects.order_by()

    for queryset in (search.filter(releases), search.rank(releases)):
        assert f"Bitmap Index Scan on release_search_{language}" in plan(queryset)


def index_definition(language):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s", [f"release_search_{language}"]
        )
        return cursor.fetchone()[0]


def column_exists(name):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM information_schema.columns"
            " WHERE table_name = 'releases_release' AND column_name = %s",
            [name],
        )
        return cursor.fetchone() is not None


def test_the_search_migrations_roll_back_and_forward():
    """Back past the stored documents (0014) and the exact forms (0008),
    each index is as that step left it; forward again, the stored column
    is indexed and used."""
    loader = MigrationLoader(connection)
    stored = loader.get_migration("releases", "0014_release_stored_search_documents")
    exact = loader.get_migration("releases", "0008_release_search_exact_forms")
    before_stored = loader.project_state(("releases", "0013_pending_correction_message"))
    before_exact = loader.project_state(("releases", "0007_unguessable_upload_paths"))

    with connection.schema_editor() as editor:
        stored.unapply(before_stored, editor)
    expression_indexes = {language: index_definition(language) for language in SEARCH_CONFIGS}
    column_kept = column_exists("search_en")
    with connection.schema_editor() as editor:
        exact.unapply(before_exact, editor)
    rolled_back = {language: index_definition(language) for language in SEARCH_CONFIGS}
    with connection.schema_editor() as editor:
        exact.apply(before_exact, editor)
        stored.apply(before_stored, editor)

    assert not column_kept
    assert "to_tsvector" in expression_indexes["en"]
    assert "'simple'" in expression_indexes["en"] + expression_indexes["ru"]
    assert "'simple'" not in rolled_back["en"] + rolled_back["ru"]
    assert "'russian'" in rolled_back["ru"]
    for language in SEARCH_CONFIGS:
        assert column_exists(f"search_{language}")
        assert index_definition(language).endswith(f"USING gin (search_{language})")
    releases = ReleaseSearch("Лавров", "ru").filter(Release.objects.order_by())
    assert "Bitmap Index Scan on release_search_ru" in plan(releases)


def test_the_stored_document_follows_every_write():
    """PostgreSQL computes the document: an update that bypasses save()
    (a bulk edit, the importer) is found by its new words at once, and no
    longer by its old ones."""
    release = ReleaseFactory(published=True, title_en="Visa centre opens", title_ru="")
    Release.objects.filter(pk=release.pk).update(
        title_en="Passport office moves", title_ru="Паспортный стол переезжает"
    )

    assert found("passport") == ["Passport office moves"]
    assert found("visa") == []
    assert found("паспортный", "ru") == ["Passport office moves"]


def test_releases_load_without_their_search_documents():
    """The documents stay in the database: loading releases reads none."""
    ReleaseFactory(published=True)
    with CaptureQueriesContext(connection) as queries:
        list(Release.objects.all())

    assert "search_en" not in queries.captured_queries[0]["sql"]


def test_a_different_expression_would_not_use_the_index():
    """The control for the test above: the index serves one expression only."""
    ReleaseFactory.create_batch(3, published=True)
    vector = SearchVector("title_en", "summary_en", "body_en", config="english")
    query = SearchQuery("embassy visit", config="english", search_type="websearch")
    releases = Release.objects.order_by().alias(document=vector).filter(document=query)

    assert "release_search_en" not in plan(releases)


def test_headlines_mark_the_stemmed_matches(client):
    ReleaseFactory(
        published=True,
        title_en="Trade",
        summary_en="Delegations discussed fertiliser supplies & <b>shipping</b>.",
    )

    with translation.override("en"):
        response = client.get(reverse("releases:search"), {"q": "supply"})

    snippet = by_class(parse_html(response), "snippet")[0]
    assert [mark.text for mark in snippet.xpath(".//mark")] == ["supplies"]
    assert not snippet.xpath(".//b")
