"""A database outage, with a real PostgreSQL that is stopped or frozen under
a running site: pages already in the page cache are still served, any other
gets a translated 503, editors are told their save did not happen (with
their text kept), and no worker hangs."""

import json

import pytest
import redis

from .servers import Browser, gunicorn, production_environment

pytestmark = pytest.mark.servers


@pytest.fixture
def site(site_database, site_port):
    environ = production_environment(
        DATABASE_URL=site_database,
        DJANGO_DB_CONNECT_TIMEOUT="2",
        DJANGO_REQUEST_DEADLINE="5",
    )
    # gunicorn would kill a stuck worker after 15 s: the site must answer first.
    with gunicorn(environ, site_port, timeout=15) as base:
        yield base


def test_stopped_database_gives_visitors_a_translated_503(site, postgres_primary):
    browser = Browser()
    assert browser.request(f"{site}/ru/")[0] == 200
    postgres_primary.stop()
    try:
        # A search no worker has kept (page or results): it needs the database.
        status, headers, body = browser.request(f"{site}/ru/search/?q=during-the-outage")
        health = browser.request(f"{site}/healthz")
        ready_status, _headers, ready_body = browser.request(f"{site}/readyz")
    finally:
        postgres_primary.start()

    assert status == 503
    assert headers["Retry-After"] == "30"
    assert "Временно недоступно" in body
    assert health[0] == 200  # alive: only not ready
    assert ready_status == 503
    assert json.loads(ready_body)["checks"]["database"] == "failing"
    assert browser.request(f"{site}/ru/?after-the-outage")[0] == 200  # and back when it is


SHARED_CACHE = "redis://127.0.0.1:6379/8"


def test_a_page_in_the_page_cache_is_still_served_while_the_database_is_down(
    site_database, site_port, postgres_primary
):
    try:
        redis.Redis.from_url(SHARED_CACHE, socket_connect_timeout=2).flushdb()
    except redis.ConnectionError:
        pytest.skip("Redis is needed on 127.0.0.1:6379 (.ci/run starts it)")
    environ = production_environment(
        DATABASE_URL=site_database, REDIS_URL=SHARED_CACHE, DJANGO_DB_CONNECT_TIMEOUT="2"
    )
    browser = Browser()
    with gunicorn(environ, site_port, timeout=15) as site:
        assert browser.request(f"{site}/ru/releases/")[0] == 200
        postgres_primary.stop()
        try:
            cached = browser.request(f"{site}/ru/releases/")
            # Not in the page cache: its releases must be read from the database.
            uncached = browser.request(f"{site}/en/releases/")
        finally:
            postgres_primary.start()
    status, headers, body = cached
    assert status == 200
    assert "A public release" in body
    # Caches in front may go on serving it for a day, too.
    assert "stale-if-error=86400" in headers["Cache-Control"]
    assert uncached[0] == 503


def test_editor_is_told_the_save_did_not_happen_and_keeps_the_text(site, postgres_primary):
    editor = Browser()
    editor.login(site, "ops-admin", "ops-password-123")
    form = {
        "csrfmiddlewaretoken": editor.csrf(),
        "title_en": "Statement on the anniversary",
        "body_en": "<p>Three paragraphs of careful wording.</p>",
        "_save": "Save",
    }
    postgres_primary.stop()
    try:
        status, _headers, body = editor.request(f"{site}/admin/releases/release/add/", form)
    finally:
        postgres_primary.start()

    assert status == 503
    assert "Your changes were not saved." in body
    # The page carries the text back, in a form that sends it again.
    assert 'name="title_en" value="Statement on the anniversary"' in body
    assert "&lt;p&gt;Three paragraphs of careful wording.&lt;/p&gt;" in body
    assert 'action="/admin/releases/release/add/"' in body


def test_frozen_database_answers_503_before_the_worker_is_killed(site, postgres_primary):
    browser = Browser()
    # The workers hold open connections to the server that is about to freeze
    # (new searches each time: a page or results kept open none).
    for number in range(4):
        assert browser.request(f"{site}/en/search/?q=warm{number}")[0] == 200
    with postgres_primary.frozen():
        pages = [browser.request(f"{site}/en/search/?q=frozen{n}", timeout=40)[0] for n in range(2)]
        ready = browser.request(f"{site}/readyz", timeout=40)[0]
    assert pages == [503, 503]
    assert ready == 503
