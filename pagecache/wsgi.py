"""Cached pages answered before Django: the WSGI side of the page cache.

A hit through PageCacheMiddleware still pays for Django's request handling
and for redis-py's connection pool on every request: about five times what
the Django floor costs. This wrapper (embassy/wsgi.py) answers the common
case itself, with one round trip on a connection of its own:

- an anonymous GET or HEAD of an address with a language prefix, no cookie
  that could make it private, no Authorization (middleware.is_public_request);
- whose stored page was rendered in the current state (version and epoch,
  state.py), exactly as the middleware would serve it. The state is asked
  of Redis first, and read back once the request is parsed (Redis works
  while this process does). A page this worker served lately is kept in the
  process, with the state it was rendered in: while that state stands, the
  copy is the one Redis holds, so only the state (a few bytes) crosses the
  network; otherwise the page is read from Redis, in a second round trip.

Anything else, and anything in doubt (no entry, another state, a scheduled
moment passed, an unusual conditional header, Redis not answering), goes to
Django unchanged: there the middleware renders, stores and renews the state.
So this adds no way to be stale: it serves only what the middleware would
serve for the same request, with the same headers (tests/pagecache/test_wsgi.py
compares the two).
"""

import http
import logging
import os
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import SuspiciousOperation
from django.core.handlers.wsgi import WSGIRequest
from django.utils import timezone
from django.utils.http import parse_http_date_safe

from ops import middleware as ops_middleware
from ops.logs import request_id

from . import state as page_state
from . import version
from .backends import RedisCache
from .middleware import (
    Validators,
    accepts_gzip,
    etag_matches,
    is_public_request,
    language_codes,
    page_key,
    vary_with_encoding,
)

logger = logging.getLogger(__name__)

# Conditional headers whose answer Django works out (rare for a public page).
HANDED_ON = ("HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE")
# What every answer depends on (state.py), asked for first.
STATE_NAMES = [version.KEY, page_state.STATE_KEY]
# After Redis failed here, Django's own handling is used for this long.
RETRY_AFTER_SECONDS = 5
# The pages a worker keeps, in bytes (bodies, plain and gzipped): the busy
# pages of a crisis, a few hundred, fit many times over.
LOCAL_PAGE_BYTES = 16 * 1024 * 1024


class Connection:
    """One Redis connection of this process (a sync worker serves one request
    at a time), taken from the cache's pool settings, remade after a fork or
    an error."""

    def __init__(self):
        self._connection, self._pid = None, None
        # The backend itself, not django.core.cache.cache: that proxy looks
        # the backend up again at every attribute (tens of microseconds).
        self.backend = caches["default"]

    def get_many(self, names):
        """The values of `names` (None where absent), as the cache stored them."""
        self.ask(names)
        return self.answer()

    def ask(self, names):
        """Send MGET of `names`; `answer()` reads the reply. In between, this
        process may do its own work while Redis does its part."""
        if self._connection is None or self._pid != os.getpid():
            client = self.backend._cache.get_client()
            self._connection = client.connection_pool.make_connection()
            self._pid = os.getpid()
        self._guarded(self._connection.send_command, "MGET", *map(self.backend.make_key, names))

    def answer(self):
        values = self._guarded(self._connection.read_response)
        loads = self.backend._cache._serializer.loads
        return [None if value is None else loads(value) for value in values]

    def _guarded(self, operation, *args):
        try:
            return operation(*args)
        except BaseException:
            self.drop()
            raise

    def drop(self):
        """Close the connection: a reply left unread would answer the next question."""
        if self._connection is not None:
            self._connection.disconnect()
            self._connection = None


class LocalPages:
    """The stored pages this worker served lately, least recently used first
    out. An entry is (tag, status, headers, body, gzipped, max_age), as Redis
    holds it: only served while its tag is the current state's."""

    def __init__(self, limit=LOCAL_PAGE_BYTES):
        self.limit, self.size, self.pages = limit, 0, OrderedDict()

    def get(self, key):
        page = self.pages.get(key)
        if page is not None:
            self.pages.move_to_end(key)
        return page

    def put(self, key, page):
        self.discard(key)
        self.pages[key] = page
        self.size += weight(page)
        while self.size > self.limit and self.pages:
            _key, oldest = self.pages.popitem(last=False)
            self.size -= weight(oldest)

    def discard(self, key):
        page = self.pages.pop(key, None)
        if page is not None:
            self.size -= weight(page)


def weight(page):
    _tag, _status, _headers, body, gzipped, _max_age = page
    return len(body) + len(gzipped or b"")


class CachedPages:
    """WSGI middleware: `application = CachedPages(get_wsgi_application())`."""

    def __init__(self, application):
        self.application = application
        self.unavailable_until = 0.0
        # Only with a Redis cache: another backend (tests, development) is
        # not shared by the workers, and Django's middleware serves it.
        self.connection = Connection() if isinstance(caches["default"], RedisCache) else None
        self.pages = LocalPages()

    def __call__(self, environ, start_response):
        if (
            not (self.connection and settings.PAGE_CACHE)
            or time.monotonic() < self.unavailable_until
        ):
            return self.application(environ, start_response)
        started = time.monotonic()
        if not may_answer(environ):
            return self.application(environ, start_response)
        try:
            request, answer = self.look_up(environ)
        except Exception:
            logger.warning("page cache unavailable to the WSGI fast path", exc_info=True)
            self.unavailable_until = time.monotonic() + RETRY_AFTER_SECONDS
            return self.application(environ, start_response)
        if not answer:
            return self.application(environ, start_response)
        status, headers, body = answer
        identifier = ops_middleware.incoming_request_id(request) or os.urandom(16).hex()
        headers.append(("X-Request-ID", identifier))
        start_response(f"{status} {http.HTTPStatus(status).phrase}", headers)
        log(request, identifier, status, time.monotonic() - started)
        return [b""] if request.method == "HEAD" else [body]

    def look_up(self, environ):
        """(the request, its stored answer or None). The state is asked for
        first: Redis looks it up while this process parses the request and
        works out the page's key. Raises what Redis raised."""
        self.connection.ask(STATE_NAMES)
        try:
            request = candidate(environ)
            key = request and page_key(request)
        except SuspiciousOperation:  # a host not allowed: Django answers 400 and logs it
            request = None
        except BaseException:
            self.connection.drop()
            raise
        number, stored_state = self.connection.answer()
        if request is None:
            return None, None
        return request, self.stored_answer(request, key, number, stored_state)

    def stored_answer(self, request, key, number, stored_state):
        """(status, headers, body) of the stored answer, or None."""
        if number is None or stored_state is None:
            return None
        now = timezone.now()
        state = page_state.State(*stored_state)
        if state.version != number or not state.is_current_at(now):
            return None  # Django renews the state
        etag = f'W/"{state.tag}.{key[:16]}"'
        validators = Validators(state, now, etag)
        if etag_matches(request, etag):
            return 304, validators.header_list(settings.PUBLIC_CACHE_SECONDS, "revalidated"), b""
        storage_key = f"pagecache:page:{key}"
        stored_page = self.pages.get(storage_key)
        if stored_page is None or stored_page[0] != state.tag:
            # Not served here in this state yet: the page as Redis has it.
            (stored_page,) = self.connection.get_many([storage_key])
            if stored_page is None or stored_page[0] != state.tag:
                self.pages.discard(storage_key)
                return None
            self.pages.put(storage_key, stored_page)
        return answer(request, stored_page, validators)


def may_answer(environ):
    """What can be told from the environ alone, before asking Redis."""
    path = environ.get("PATH_INFO", "")
    first_segment = path.split("/", 2)[1] if path.count("/") >= 2 else ""
    if first_segment not in language_codes():
        return False  # the language comes from the browser: Django decides
    return not any(name in environ for name in HANDED_ON)


def candidate(environ):
    """The request, if it is one this path may answer."""
    request = WSGIRequest(environ)
    if not is_public_request(request):
        return None
    return request


def answer(request, stored_page, validators):
    _tag, status, stored_headers, body, gzipped, max_age = stored_page
    headers = list(stored_headers)
    if gzipped is not None:
        headers = vary_with_encoding(headers)
    modified_since = request.META.get("HTTP_IF_MODIFIED_SINCE")
    if modified_since and not request.META.get("HTTP_IF_NONE_MATCH"):
        since = parse_http_date_safe(modified_since)
        if since is not None and validators.state.since <= since:
            vary = [(name, value) for name, value in headers if name.lower() == "vary"]
            return 304, vary + validators.header_list(max_age, "hit"), b""
    if gzipped is not None and accepts_gzip(request):
        body = gzipped
        headers.append(("Content-Encoding", "gzip"))
    headers += validators.header_list(max_age, "hit")
    headers.append(("Content-Length", str(len(body))))
    return status, headers, body


def log(request, identifier, status, seconds):
    """The access line RequestIdMiddleware writes for every request."""
    if not ops_middleware.access_log.isEnabledFor(logging.INFO):
        return
    token = request_id.set(identifier)
    try:
        ops_middleware.access_log.info(
            "%s %s %s",
            request.method,
            request.path,
            status,
            extra={
                "method": request.method,
                "path": request.path,
                "status": status,
                "duration_ms": round(seconds * 1000, 1),
                "user_id": None,
            },
        )
    finally:
        request_id.reset(token)
