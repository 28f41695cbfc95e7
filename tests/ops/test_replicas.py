"""Read replicas (DATABASE_REPLICA_URLS) with a real streaming replica of
our own primary: the public site reads from it, the admin and every write
use the primary, and replication lag never hides an editor's own publish."""

import re

import pytest

from tests.test_settings import run_settings

from .postgres import wait_for
from .servers import Browser, gunicorn, production_environment

pytestmark = pytest.mark.servers


@pytest.fixture
def site(site_database, postgres_primary, postgres_replica, site_port):
    environ = production_environment(
        DATABASE_URL=site_database,
        DATABASE_REPLICA_URLS=postgres_replica.url_for("embassy"),
    )
    with gunicorn(environ, site_port) as base:
        yield base


@pytest.fixture
def stop_replica(postgres_replica):
    """Stops the replica's server (a crash, a maintenance); started again after."""
    stopped = []

    def stop():
        postgres_replica.stop()
        stopped.append(True)

    yield stop
    if stopped:
        postgres_replica.start()


@pytest.fixture
def lagging(postgres_replica):
    """The replica stops replaying the primary's changes, as under load."""
    postgres_replica.psql("SELECT pg_wal_replay_pause()")
    yield
    postgres_replica.psql("SELECT pg_wal_replay_resume()")


def publish(editor, site, slug):
    form = {
        "csrfmiddlewaretoken": editor.csrf(),
        "kind": "speech",
        "title_en": "Consular hours change",
        "slug": slug,
        "summary_en": "New opening hours.",
        "body_en": "<p>From Monday.</p>",
        "place_en": "New Delhi",
        "date": "2018-03-01",
        "status": "published",
        "published_at_0": "2018-03-01",
        "published_at_1": "10:00:00",
        **{f"{prefix}-{field}": value
           for prefix in ("release_speakers", "attachments", "change_notes")
           for field, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"),
                                ("MIN_NUM_FORMS", "0"), ("MAX_NUM_FORMS", "1000"))},
    }  # fmt: skip
    status, headers, body = editor.request(f"{site}/admin/releases/release/add/", form)
    assert status == 302, re.findall(r'class="errorlist[^>]*>(.*?)</ul>', body, re.S)
    return headers


def test_editor_sees_their_publish_while_the_replica_lags(site, postgres_primary, lagging):
    editor = Browser()
    editor.login(site, "ops-admin", "ops-password-123")
    publish(editor, site, "consular-hours-change")
    page = f"{site}/en/releases/2018/03/01/consular-hours-change/"

    # The editor follows the link to the page: it reads the primary.
    assert editor.request(page)[0] == 200
    # A visitor reads the replica, which has not replayed the publish yet.
    assert Browser().request(page)[0] == 404


def test_visitors_see_the_publish_once_the_replica_caught_up(site, postgres_replica):
    editor = Browser()
    editor.login(site, "ops-admin", "ops-password-123")
    publish(editor, site, "visa-centre-opens")
    page = f"{site}/en/releases/2018/03/01/visa-centre-opens/"
    assert wait_for(lambda: Browser().request(page)[0] == 200)


def test_public_pages_read_the_replica_and_set_no_cookie(site, postgres_replica):
    visitor = Browser()
    status, headers, body = visitor.request(f"{site}/en/releases/")
    assert status == 200 and "A public release" in body
    assert headers.get_all("Set-Cookie") is None
    # The replica is checked too.
    status, _headers, body = visitor.request(f"{site}/readyz")
    assert status == 200 and '"replica_1": "ok"' in body


def test_a_stopped_replica_sends_the_reads_to_the_primary(site, postgres_replica, stop_replica):
    visitor = Browser()
    # A query string of its own each time: no cached page hides the database.
    visits = iter(range(1000))

    def page():
        status, _headers, body = visitor.request(f"{site}/en/releases/?visit={next(visits)}")
        return status, "A public release" in body

    for _ in range(4):  # the workers connect to the replica and keep the connection
        assert page() == (200, True)
    stop_replica()
    for _ in range(6):  # each worker finds its kept connection dead
        assert page() == (200, True)
    # The server stays ready: only the replica is named failing.
    status, _headers, body = visitor.request(f"{site}/readyz")
    assert status == 200
    assert '"status": "degraded"' in body and '"replica_1": "failing"' in body


@pytest.fixture
def quick_retry_site(site_database, postgres_primary, postgres_replica, site_port):
    environ = production_environment(
        DATABASE_URL=site_database,
        DATABASE_REPLICA_URLS=postgres_replica.url_for("embassy"),
        DATABASE_REPLICA_RETRY_SECONDS="1",
    )
    with gunicorn(environ, site_port, workers=1) as base:
        yield base


def app_connections(replica):
    return int(
        replica.psql(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = 'embassy' "
            "AND pid <> pg_backend_pid()"
        )
    )


def test_a_replica_that_comes_back_is_read_again(quick_retry_site, postgres_replica):
    visitor = Browser()
    visits = iter(range(1000))

    def page():
        return visitor.request(f"{quick_retry_site}/en/releases/?visit={next(visits)}")[0]

    assert page() == 200
    assert app_connections(postgres_replica) > 0  # it reads the replica
    postgres_replica.stop()
    try:
        assert page() == 200
    finally:
        postgres_replica.start()
    assert app_connections(postgres_replica) == 0

    def reads_replica():
        return page() == 200 and app_connections(postgres_replica) > 0

    assert wait_for(reads_replica, seconds=10)


SHOW_DATABASES = "import embassy.settings as s; print(sorted(s.DATABASES), s.DATABASE_ROUTERS)"


def test_without_replicas_nothing_changes():
    result = run_settings({"DJANGO_SECRET_KEY": "x" * 50}, SHOW_DATABASES)
    assert result.stdout.strip() == "['default'] []"
