"""The heavy pages read the big tables through their indexes (PostgreSQL).

With 100,000 releases a sequential scan of the releases table costs tens of
milliseconds per query, so every query these pages run is explained, with
sequential scans discouraged as far as the planner allows: if one remains on
a big table, no index can serve the query, and the page will slow down with
the archive. The busiest queries are also checked for the index meant for
them. (A few test rows cannot show the real plans; discouraging the
sequential scan shows whether an index could be used at all.)
"""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import EventFactory, ReleaseFactory, SpeakerFactory, TopicFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="query plans are PostgreSQL's (CI runs the suite on PostgreSQL too)",
    ),
]

BIG_TABLES = ("releases_release", "releases_releasespeaker", "releases_release_topics")
CURSOR = re.compile(r"^DECLARE \S+ NO SCROLL CURSOR WITH(?:OUT)? HOLD FOR ", re.S)


@pytest.fixture
def newsroom():
    speaker, topic = SpeakerFactory(slug="lavrov"), TopicFactory(slug="energy")
    event = EventFactory(published=True, slug="summit")
    for number in range(30):
        ReleaseFactory(
            published=True,
            speakers=[speaker],
            topics=[topic],
            event=event if number % 2 else None,
            title_en=f"Strategic dialogue on cooperation {number}",
        )
    return speaker


def nodes(plan):
    yield plan
    for child in plan.get("Plans", ()):
        yield from nodes(child)


def full_scans(plan):
    """The big tables that a plan (EXPLAIN's JSON) reads by sequential scan."""
    return {
        node["Relation Name"]
        for node in nodes(plan)
        if node["Node Type"] == "Seq Scan" and node.get("Relation Name") in BIG_TABLES
    }


def explained(client, url, discouraged=("enable_seqscan",)):
    """The plans of the page's queries, sequential scans discouraged."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    plans = []
    with connection.cursor() as cursor:
        for setting in discouraged:
            cursor.execute(f"SET LOCAL {setting} = off")
        for query in queries.captured_queries:
            sql = CURSOR.sub("", query["sql"])
            if not sql.startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            plans.append((sql, plan[0]["Plan"]))
    return plans


def sequential_scans(client, url):
    return set().union(*(full_scans(plan) for _sql, plan in explained(client, url)))


def indexes_used(client, url):
    return {node.get("Index Name") for _sql, plan in explained(client, url) for node in nodes(plan)}


@pytest.mark.parametrize(
    "url",
    [
        "/en/releases/",
        "/en/releases/?kind=press-release",
        "/en/releases/?speaker=lavrov",
        "/en/releases/?topic=energy",
        "/en/releases/?event=summit",
        "/en/releases/?year=2018",
        "/en/releases/?date_from=2018-01-01&date_to=2018-12-31",
        "/en/releases/?speaker=lavrov&topic=energy&year=2018",
    ],
)
def test_the_list_and_its_filters_use_indexes(client, newsroom, url):
    assert sequential_scans(client, url) == set()


def test_the_list_reads_its_order_from_its_index(client, newsroom):
    assert "release_status_date_id" in indexes_used(client, "/en/releases/")


def test_a_deep_page_seeks_through_an_index_with_a_range(client, newsroom, monkeypatch):
    from releases import pagination

    monkeypatch.setattr(pagination, "SHALLOW_PAGES", 1)
    # One request: it reads the page boundaries (a window query, no LIMIT)
    # and then seeks. A second one would be served from the kept fragments.
    (seek,) = [
        node
        for sql, plan in explained(client, "/en/releases/?page=3")
        if "LIMIT" in sql and "releases_release" in sql.split("FROM", 1)[1][:30]
        for node in nodes(plan)
        if node.get("Index Name") == "release_status_date_id"
    ]
    assert '"date" <=' in seek["Index Cond"] or "date <=" in seek["Index Cond"]


@pytest.mark.parametrize("query", ["cooperation", '"strategic dialogue"', "zzyzx"])
def test_search_reads_no_table_whole(client, newsroom, query):
    assert sequential_scans(client, f"/en/search/?q={query}") == set()


def test_a_speaker_page_uses_indexes(client, newsroom):
    assert sequential_scans(client, newsroom.get_absolute_url()) == set()


@pytest.mark.parametrize("section", ["releases", "events", "speakers", "topics"])
def test_sitemap_sections_use_indexes(client, newsroom, section):
    assert sequential_scans(client, f"/sitemap-{section}.xml") == set()
