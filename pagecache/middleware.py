"""The whole-page cache, and the headers that let browsers, Varnish and CDNs
cache the same pages safely.

Early in MIDDLEWARE (before sessions, users and languages): a hit costs two
cache read (the state and the page together) and no database query. Only anonymous
GET and HEAD requests are looked up, and only responses that the view itself
marked `Cache-Control: public`, that set no cookie, use no CSP nonce and no
CSRF token, are stored. See README "Caching" for the whole design.
"""

import functools
import hashlib
import logging
import re

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import get_conditional_response, get_max_age, patch_vary_headers
from django.utils.http import http_date, parse_etags
from django.utils.text import compress_string
from django.utils.translation import get_language_from_request

from ops.routers import PIN_COOKIE

from . import state as page_state

logger = logging.getLogger(__name__)

STORED_STATUSES = {200, 301, 404, 410}
# Headers remade for every answer, or meaningless for a copy.
NOT_STORED = {
    "cache-control",
    "etag",
    "last-modified",
    "expires",
    "date",
    "content-length",
    "content-encoding",
    "x-request-id",
    "set-cookie",
    "x-page-cache",
}
COMPRESSIBLE = re.compile(r"^(text/|application/(xml|atom\+xml|rss\+xml|json|ld\+json))")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
MIN_COMPRESSED_LENGTH = 200
STALE_IF_ERROR_SECONDS = 86400


def per_settings(function):
    """`function` of no arguments, worked out once until a setting changes
    (override_settings in the tests): these are asked on every request."""
    memo = functools.cache(function)
    setting_changed.connect(lambda **kwargs: memo.cache_clear(), weak=False)
    return memo


@per_settings
def private_cookie_names():
    """Cookies of a visitor who may see something the public does not."""
    return {
        settings.SESSION_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
        PIN_COOKIE,
        "sessionid",
        "csrftoken",
    }


@per_settings
def excluded_prefixes():
    return (
        f"/{settings.ADMIN_PATH}",
        "/i18n/",
        "/csp-report/",
        settings.STATIC_URL,
        settings.MEDIA_URL,
    )


@per_settings
def language_codes():
    return frozenset(code for code, _name in settings.LANGUAGES)


def is_public_request(request):
    """An anonymous GET or HEAD of something that may be a public page."""
    if request.method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in request.META:
        return False
    if not private_cookie_names().isdisjoint(request.COOKIES):
        return False
    path = request.path_info
    return not path.startswith(excluded_prefixes()) and "/embargo/" not in path


def page_key(request):
    """What identifies one page: scheme, host, path, full query string, and
    the language where the address does not say it (Accept-Language)."""
    first_segment = request.path_info.split("/", 2)[1]
    prefixed = first_segment in language_codes()
    language = "" if prefixed else get_language_from_request(request)
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}|{language}"
    return hashlib.sha256(address.encode()).hexdigest()


def is_storable(request, response):
    """A response that anyone may be given: public, no cookie, no secret."""
    if response.status_code not in STORED_STATUSES or response.streaming:
        return False
    if response.cookies or response.has_header("Content-Encoding"):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False  # a CSRF token in the page: a secret (and BREACH)
    directives = {
        d.strip().split("=")[0].lower() for d in response.get("Cache-Control", "").split(",")
    }
    if "public" not in directives or directives & {"private", "no-store", "no-cache"}:
        return False
    varies = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if varies - {"accept-language", "accept-encoding"}:
        return False
    return "nonce-" not in response.get("Content-Security-Policy", "")


class Entry:
    """A stored page: status, headers, body, its gzipped body and the
    browser lifetime the view asked for."""

    def __init__(self, status, headers, body, gzipped, max_age, compressible=None):
        self.status, self.headers, self.body = status, headers, body
        self.gzipped, self.max_age = gzipped, max_age
        # Served gzipped to those who accept it (and so "Vary: Accept-Encoding"),
        # whether or not the compressed body was made for this answer.
        self.compressible = gzipped is not None if compressible is None else compressible

    @classmethod
    def of(cls, response, compress=True):
        """`compress=False`: the gzipped body is not made (nobody would read
        it: the page is not stored and this client does not accept gzip)."""
        headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED]
        body = response.content
        gzipped = None
        compressible = len(body) >= MIN_COMPRESSED_LENGTH and bool(
            COMPRESSIBLE.match(response.get("Content-Type", ""))
        )
        if compressible and compress:
            gzipped = compress_string(body)
        max_age = get_max_age(response)
        return cls(
            response.status_code,
            headers,
            body,
            gzipped,
            settings.PUBLIC_CACHE_SECONDS if max_age is None else max_age,
            compressible,
        )

    def as_tuple(self):
        return (self.status, self.headers, self.body, self.gzipped, self.max_age)

    def response(self, request):
        gzip = self.gzipped is not None and accepts_gzip(request)
        response = HttpResponse(self.gzipped if gzip else self.body, status=self.status)
        for name, value in self.headers:
            response[name] = value
        if gzip:
            response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(response.content))
        if self.compressible:
            patch_vary_headers(response, ("Accept-Encoding",))
        return response


def vary_with_encoding(headers):
    """`headers` (name, value) pairs with Accept-Encoding added to Vary, as
    patch_vary_headers does for a response."""
    others = [(name, value) for name, value in headers if name.lower() != "vary"]
    varies = [value for name, value in headers if name.lower() == "vary"]
    fields = [field.strip() for value in varies for field in value.split(",") if field.strip()]
    if "accept-encoding" not in {field.lower() for field in fields}:
        fields.append("Accept-Encoding")
    return [*others, ("Vary", ", ".join(fields))]


def accepts_gzip(request):
    return bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_public_request(request):
            return self.get_response(request)
        now = timezone.now()
        key = page_key(request)
        # One entry per address, holding the state it was rendered in: read
        # with the state itself, in one round trip.
        storage_key = f"pagecache:page:{key}"
        state, stored = page_state.current_with(now, storage_key if settings.PAGE_CACHE else None)
        if state is None:  # the cache is down: render, as if there were none
            return self.get_response(request)
        etag = f'W/"{state.tag}.{key[:16]}"'
        headers = Validators(state, now, etag)
        if etag_matches(request, etag):  # answered without rendering
            return headers.apply(
                HttpResponseNotModified(), settings.PUBLIC_CACHE_SECONDS, "revalidated"
            )
        if stored is not None and stored[0] == state.tag:
            entry = Entry(*stored[1:])
            response = get_conditional_response(
                request, etag=etag, last_modified=state.since, response=entry.response(request)
            )
            return headers.apply(response, entry.max_age, "hit")
        with page_state.kept_for_request(state):
            response = self.get_response(request)
        if not is_storable(request, response):
            return response
        store = settings.PAGE_CACHE and request.method == "GET" and headers.lifetime >= 1
        # Compressing a page costs about a millisecond: only when it is kept
        # or this client takes it gzipped (the page cache off, a client
        # without gzip gets the same answer, uncompressed, as before).
        entry = Entry.of(response, compress=store or accepts_gzip(request))
        if entry.compressible:
            response = entry.response(request)  # compressed for those who accept it
        headers.apply(response, entry.max_age, "miss")
        if store:
            self.store(storage_key, (state.tag, *entry.as_tuple()), headers.lifetime)
        return response

    def store(self, key, value, lifetime):
        try:
            cache.set(key, value, int(lifetime))
        except Exception:
            logger.warning("page not stored in the page cache", exc_info=True)


class Validators:
    """The headers of every public page of one state: ETag, Last-Modified
    and Cache-Control for browsers and shared caches."""

    def __init__(self, state, now, etag):
        self.state, self.etag = state, etag
        self.left = state.seconds_left(now)
        self.lifetime = cache_lifetime(state, now, self.left)

    def header_list(self, max_age, outcome):
        return [
            ("Cache-Control", cache_control(max_age, self.lifetime, self.left)),
            ("ETag", self.etag),
            ("Last-Modified", last_modified(self.state.since)),
            ("X-Page-Cache", outcome),
        ]

    def apply(self, response, max_age, outcome):
        response.headers.pop("Expires", None)
        for name, value in self.header_list(max_age, outcome):
            response[name] = value
        return response


@functools.lru_cache(maxsize=4)
def last_modified(timestamp):
    """The Last-Modified of a state: the same for every page of it."""
    return http_date(timestamp)


def etag_matches(request, etag):
    header = request.META.get("HTTP_IF_NONE_MATCH")
    if not header:
        return False
    bare = etag.removeprefix("W/")
    return any(tag.removeprefix("W/") == bare for tag in parse_etags(header))


def cache_lifetime(state, now, left):
    """How long a page of this state may be kept: until the next scheduled
    change, and no longer than PAGE_CACHE_SECONDS. Right after a change,
    while a replica may not have it yet, only until it must have."""
    lifetime = settings.PAGE_CACHE_SECONDS
    if left is not None:
        lifetime = min(lifetime, left)
    if settings.DATABASE_ROUTERS:
        settled = state.since + settings.DATABASE_REPLICA_PIN_SECONDS - now.timestamp()
        if settled > 0:
            lifetime = 0
    return lifetime


def cache_control(max_age, lifetime, left):
    """Browsers keep a page as long as the view said; shared caches (which
    Varnish bans reach) up to PAGE_CACHE_SHARED_SECONDS; both never past the
    next scheduled change. Stale copies may bridge a slow revalidation only
    when no schedule is due within that time, and an outage for a day."""
    browser = int(min(max_age, lifetime))
    shared = int(min(settings.PAGE_CACHE_SHARED_SECONDS, lifetime))
    directives = [f"public, max-age={browser}", f"s-maxage={shared}"]
    revalidate = settings.PAGE_CACHE_STALE_WHILE_REVALIDATE
    if revalidate and (left is None or left > shared + revalidate):
        directives.append(f"stale-while-revalidate={revalidate}")
    directives.append(f"stale-if-error={STALE_IF_ERROR_SECONDS}")
    return ", ".join(directives)
