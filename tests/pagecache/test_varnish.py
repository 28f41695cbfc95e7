"""Varnish in front of the site, as deploy/varnish/ sets it up: it keeps
public pages, passes staff, and an editor's publish reaches visitors
through it within a second (the app bans every page after the commit)."""

import tempfile
import time

import pytest
import redis

from tests.ops.conftest import SEED
from tests.ops.servers import Browser, gunicorn, manage, production_environment
from tests.ops.test_replicas import publish

from . import varnish_server

pytestmark = pytest.mark.servers

SITE_PORT = 19010
VARNISH_PORT = 19020
# A database of ours on the shared Redis (tests/ops uses 8).
REDIS_URL = "redis://127.0.0.1:6379/3"


@pytest.fixture(scope="module")
def site_behind_varnish():
    if not varnish_server.available():
        pytest.fail("varnishd is needed (.ci/run installs Debian's varnish)")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).flushdb()
    except redis.ConnectionError:
        pytest.skip("Redis is needed on 127.0.0.1:6379 (.ci/run starts it)")
    database = f"sqlite:///{tempfile.mkdtemp(prefix='embassy-varnish-db-')}/site.sqlite3"
    environ = production_environment(
        DATABASE_URL=database,
        REDIS_URL=REDIS_URL,
        VARNISH_URLS=f"http://127.0.0.1:{VARNISH_PORT}",
    )
    manage(environ, "migrate", "--no-input", "--verbosity", "0")
    manage(environ, "shell", "--no-imports", "-c", SEED)
    with (
        gunicorn(environ, SITE_PORT) as site,
        varnish_server.varnish(SITE_PORT, VARNISH_PORT) as proxy,
    ):
        yield site, proxy


def test_a_publish_is_seen_through_varnish_within_a_second(site_behind_varnish):
    site, proxy = site_behind_varnish
    visitor = Browser()
    status, _headers, body = visitor.request(f"{proxy}/en/releases/")
    assert status == 200 and "Consular hours change" not in body
    _status, headers, _body = visitor.request(f"{proxy}/en/releases/")
    assert headers["X-Varnish-Cache"] == "hit"

    editor = Browser()
    editor.login(site, "ops-admin", "ops-password-123")
    publish(editor, site, "published-behind-varnish")
    published = time.monotonic()
    while "Consular hours change" not in visitor.request(f"{proxy}/en/releases/")[2]:
        assert time.monotonic() - published < 1.0, "the change did not reach Varnish in 1 s"
        time.sleep(0.05)


def test_varnish_never_keeps_a_staff_page(site_behind_varnish):
    site, proxy = site_behind_varnish
    editor = Browser()
    editor.login(site, "ops-admin", "ops-password-123")
    for _ in range(2):
        _status, headers, _body = editor.request(f"{proxy}/en/releases/")
        assert headers["X-Varnish-Cache"] == "miss"
    _status, headers, _body = editor.request(f"{proxy}/admin/")
    assert headers["X-Varnish-Cache"] == "miss"


def test_a_ban_must_say_what_it_bans(site_behind_varnish):
    import urllib.request

    _site, proxy = site_behind_varnish
    request = urllib.request.Request(f"{proxy}/", method="BAN", headers={"X-Ban": "nonsense"})  # noqa: S310
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)  # noqa: S310
    assert refused.value.code == 400


def fetch(url, **headers):
    import urllib.request

    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.headers, response.read()


def test_each_client_gets_the_encoding_it_takes_from_varnish_s_copy(site_behind_varnish):
    import gzip

    _site, proxy = site_behind_varnish
    url = f"{proxy}/en/contacts/"
    for _ in range(2):  # the second answers are Varnish's copies
        plain_headers, plain = fetch(url)
        zipped_headers, zipped = fetch(url, **{"Accept-Encoding": "gzip, deflate, br"})
    assert (plain_headers["X-Varnish-Cache"], zipped_headers["X-Varnish-Cache"]) == ("hit", "hit")
    # Not unzipped by Varnish at every hit for a client without gzip: the
    # app made that variant itself, and the gzipped one is sent as stored.
    assert plain_headers.get("Content-Encoding") is None
    assert varnish_server.counter(proxy, "MAIN.n_gunzip") == 0
    assert zipped_headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped) == plain
    assert b"</html>" in plain
