"""The WSGI fast path (pagecache/wsgi.py) answers a stored page exactly as
the middleware would, and hands everything else to Django."""

import datetime
import io
import sys

import pytest
import redis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from pagecache.wsgi import CachedPages, LocalPages
from tests.factories import ReleaseFactory

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/11"  # a database of ours on the shared Redis
LIST = "/en/releases/"
# Made anew for every answer: not part of what must match.
PER_ANSWER = {"x-request-id", "date"}


@pytest.fixture(autouse=True)
def redis_cache(settings):
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).flushdb()
    except redis.ConnectionError:
        pytest.skip("Redis is needed on 127.0.0.1:6379 (.ci/run starts it)")
    settings.CACHES = {
        "default": {"BACKEND": "pagecache.backends.RedisCache", "LOCATION": REDIS_URL}
    }
    settings.PAGE_CACHE = True
    settings.ALLOWED_HOSTS = ["testserver"]


class Counted:
    """Django's WSGI handler, counting the requests that reach it."""

    def __init__(self):
        self.handler, self.calls = WSGIHandler(), 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


@pytest.fixture
def site():
    # As Django's test client does: the test's transaction outlives requests.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    django = Counted()
    yield CachedPages(django), django
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def get(application, path, method="GET", **headers):
    """(status, {header: value}, body) of one request to `application`."""
    path, _sep, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        **{f"HTTP_{name.upper()}": value for name, value in headers.items()},
    }
    answered = {}

    def start_response(status, header_list, exc_info=None):
        answered["status"] = int(status.split()[0])
        answered["headers"] = {name.lower(): value for name, value in header_list}

    body = b"".join(application(environ, start_response))
    return answered["status"], answered["headers"], body


def comparable(headers):
    return {
        name: ", ".join(sorted(v.strip() for v in value.split(","))) if name == "vary" else value
        for name, value in headers.items()
        if name not in PER_ANSWER
    }


@pytest.mark.parametrize("encoding", ["", "gzip, deflate, br"])
def test_a_stored_page_is_answered_before_django_as_django_would(site, encoding):
    fast, django = site
    ReleaseFactory(published=True, title_en="Evacuation flights")
    status, headers, _body = get(fast, LIST, accept_encoding=encoding)
    assert (status, headers["x-page-cache"], django.calls) == (200, "miss", 1)

    answered = get(fast, LIST, accept_encoding=encoding)
    by_django = get(django.handler, LIST, accept_encoding=encoding)

    assert django.calls == 1  # the second request never reached Django
    assert answered[0] == by_django[0] == 200
    assert comparable(answered[1]) == comparable(by_django[1])
    assert answered[1]["x-page-cache"] == "hit"
    assert answered[2] == by_django[2]
    assert answered[1].get("content-encoding") == ("gzip" if encoding else None)
    assert int(answered[1]["content-length"]) == len(answered[2])
    assert answered[1]["x-request-id"]


def test_a_head_request_gets_the_headers_without_the_body(site):
    fast, django = site
    get(fast, LIST)
    status, headers, body = get(fast, LIST, method="HEAD")
    assert (status, body, django.calls) == (200, b"", 1)
    assert int(headers["content-length"]) == len(get(fast, LIST)[2])


@pytest.mark.django_db(transaction=True)  # the version moves on at the commit, as in production
def test_a_change_is_seen_on_the_next_request(site):
    fast, django = site
    release = ReleaseFactory(published=True, title_en="Old title")
    get(fast, LIST)
    assert b"Old title" in get(fast, LIST)[2]
    release.title_en = "Embassy closed on Monday"
    release.save()
    _status, headers, body = get(fast, LIST)
    assert b"Embassy closed on Monday" in body
    assert headers["x-page-cache"] == "miss"
    assert django.calls == 2


def test_a_scheduled_moment_that_passed_hands_the_request_to_django(site, clock):
    fast, django = site
    ReleaseFactory(published=True)
    soon = clock.now + datetime.timedelta(hours=1)
    ReleaseFactory(published=True, title_en="Statement at noon", published_at=soon)
    get(fast, LIST)
    assert b"Statement at noon" not in get(fast, LIST)[2]
    assert django.calls == 1
    clock.now = soon + datetime.timedelta(seconds=1)
    assert b"Statement at noon" in get(fast, LIST)[2]
    assert django.calls == 2


@pytest.mark.parametrize(
    "headers",
    [
        {"cookie": "sessionid=abc"},
        {"cookie": "csrftoken=abc"},
        {"cookie": "read_primary=1"},
        {"authorization": "Basic c3RhZmY6cHc="},
        {"if_match": '"x"'},
    ],
)
def test_requests_that_may_not_share_a_page_reach_django(site, headers):
    fast, django = site
    first = get(fast, LIST)
    get(fast, LIST, **headers)
    assert django.calls == 2
    # The state asked of Redis for that request was read back: the next
    # answer is this page's, not a reply meant for another question.
    _status, again, body = get(fast, LIST)
    assert (again["x-page-cache"], body, django.calls) == ("hit", first[2], 2)


def test_a_host_not_allowed_gets_django_s_400(site):
    fast, django = site
    get(fast, LIST)
    status, _headers, _body = get(fast, LIST, host="attacker.example")
    assert (status, django.calls) == (400, 2)
    assert get(fast, LIST)[1]["x-page-cache"] == "hit"


def test_addresses_without_a_language_reach_django(site):
    fast, django = site
    get(fast, "/")
    get(fast, "/")
    assert django.calls == 2


def test_revalidations_are_answered_before_django(site):
    fast, django = site
    _status, headers, _body = get(fast, LIST)
    status, again, body = get(fast, LIST, if_none_match=headers["etag"])
    assert (status, body, again["etag"]) == (304, b"", headers["etag"])
    status, _headers, body = get(fast, LIST, if_modified_since=headers["last-modified"])
    assert (status, body) == (304, b"")
    assert django.calls == 1


def test_a_query_string_is_its_own_page(site):
    fast, _django = site
    for number in range(12):
        ReleaseFactory(published=True, title_en=f"Item {number:02d}")
    get(fast, LIST)
    get(fast, f"{LIST}?page=2")
    assert get(fast, LIST)[2] != get(fast, f"{LIST}?page=2")[2]


def test_redis_not_answering_hands_every_request_to_django(site, settings):
    fast, django = site
    get(fast, LIST)
    fast.connection._connection.disconnect()
    fast.connection._connection.port = 19048  # nothing listens there (our range)
    fast.connection._connection.socket_connect_timeout = 0.2
    status, _headers, body = get(fast, LIST)
    assert status == 200 and body
    assert django.calls == 2
    get(fast, LIST)  # not tried again at once: straight to Django
    assert django.calls == 3


@pytest.mark.django_db(transaction=True)
def test_each_app_server_serves_the_page_of_the_current_state_not_its_own_copy(site):
    """Each worker keeps the pages it served; after a change, another app
    server's newer page in Redis is what it serves next, never its copy."""
    first, first_django = site
    second_django = Counted()
    second = CachedPages(second_django)
    release = ReleaseFactory(published=True, title_en="Old title")
    get(first, LIST)
    assert b"Old title" in get(first, LIST)[2]  # now a copy in the first's process
    release.title_en = "Shelter at the embassy"
    release.save()
    _status, headers, body = get(second, LIST)
    assert (headers["x-page-cache"], second_django.calls) == ("miss", 1)
    _status, headers, body = get(first, LIST)
    assert b"Shelter at the embassy" in body
    assert (headers["x-page-cache"], first_django.calls) == ("hit", 1)


def test_the_pages_a_worker_keeps_are_bounded_in_bytes():
    pages = LocalPages(limit=25_000)
    for number in range(5):
        pages.put(f"page-{number}", ("1.0", 200, [], b"x" * 8_000, b"z" * 2_000, 60))
    assert pages.size <= 25_000
    assert list(pages.pages) == ["page-3", "page-4"]
    pages.get("page-3")
    pages.put("page-5", ("1.0", 200, [], b"x" * 8_000, None, 60))
    assert list(pages.pages) == ["page-3", "page-5"]
    pages.discard("page-3")
    assert pages.size == 8_000
