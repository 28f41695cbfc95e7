"""Middleware for operating the site.

- RequestIdMiddleware (first in MIDDLEWARE): gives each request an id, sends
  it back as X-Request-ID, stamps every log line with it and writes one
  access line per request.
- StaleIfErrorMiddleware: lets caches in front keep serving public pages
  while the site is down (RFC 5861 `stale-if-error`).
- DatabaseUnavailableMiddleware: while the database cannot be reached (or a
  query timed out), a 503 page with Retry-After instead of a 500. It also
  gives each request a deadline (REQUEST_DEADLINE_SECONDS), the client-side
  bound that the server-side timeouts cannot give: a database server that is
  frozen (not down) keeps open connections silent, and a worker waiting on
  one would be killed by gunicorn, answering nobody.
"""

import logging
import re
import signal
import sys
import threading
import time
import uuid

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.functional import empty
from django.utils.translation import get_language
from django.views import defaults

from . import health
from .logs import request_id

access_log = logging.getLogger("ops.access")
outage_log = logging.getLogger("ops.outage")

# What a proxy's id may look like (nginx's $request_id is 32 hex digits);
# anything else is replaced, so a log line cannot be forged through it.
REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")
# Seconds a client is asked to wait before trying again during an outage.
RETRY_AFTER_SECONDS = 30


def incoming_request_id(request):
    """The proxy's id for this request, trusted only when a proxy we control
    sits in front (DJANGO_BEHIND_PROXY=1) and overwrites the client's."""
    if not settings.TRUST_PROXY_REQUEST_ID:
        return None
    value = request.META.get("HTTP_X_REQUEST_ID", "")
    return value if REQUEST_ID.fullmatch(value) else None


def staff_user_id(request):
    """The user's id if the request already loaded a staff user; never loads
    one (that would query the database on every public page)."""
    user = getattr(request, "user", None)
    wrapped = getattr(user, "_wrapped", empty)
    if wrapped is empty or wrapped is None or not getattr(wrapped, "is_staff", False):
        return None
    return wrapped.pk


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = incoming_request_id(request) or uuid.uuid4().hex
        token = request_id.set(request.id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.id
            self.log(request, response, time.monotonic() - started)
            return response
        finally:
            request_id.reset(token)

    def log(self, request, response, seconds):
        if request.path in health.PATHS:
            return  # probes every few seconds would drown everything else
        level = logging.WARNING if response.status_code >= 500 else logging.INFO
        access_log.log(
            level,
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round(seconds * 1000, 1),
                "user_id": staff_user_id(request),
            },
        )


# How long a cache may serve its copy of a public page while the site
# answers errors (or not at all): a day of outage still shows the news.
STALE_IF_ERROR_SECONDS = 86400


class StaleIfErrorMiddleware:
    """Adds `stale-if-error` to every response that caches may keep
    (`Cache-Control: public`), whichever view made it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 200 and response.has_header("Cache-Control"):
            directives = response["Cache-Control"].split(",")
            if "public" in (d.strip() for d in directives):
                patch_cache_control(response, stale_if_error=STALE_IF_ERROR_SECONDS)
        return response


class RequestDeadlineExceeded(Exception):
    """The request ran past REQUEST_DEADLINE_SECONDS (usually: it waited on a
    database that stopped answering)."""


class DatabaseUnavailableMiddleware:
    """Turns a database that is down, unreachable or too slow into a 503.

    The page is rendered without touching the database (no context
    processors, no user). After a form was sent (an editor saving in the
    admin), it says plainly that nothing was saved, and carries what was sent
    in a form that sends it again, so no typed text is lost even if the
    browser forgets it on Back. Files cannot be carried over; it says so.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with deadline(settings.REQUEST_DEADLINE_SECONDS):
            return self.get_response(request)

    def process_exception(self, request, exception):
        return outage_answer(request, exception)


def outage_answer(request, exception):
    """The outage page when `exception` means the database is unavailable;
    None for any other exception."""
    if not isinstance(exception, OperationalError | InterfaceError | RequestDeadlineExceeded):
        return None
    outage_log.warning("Database unavailable: %s", type(exception.__cause__ or exception).__name__)
    # A connection interrupted mid-query cannot be reused.
    for connection in connections.all(initialized_only=True):
        connection.close()
    return outage_response(request)


class deadline:  # lower case: used as a context manager, like contextlib's
    """Raise RequestDeadlineExceeded in this thread after `seconds`.

    Uses SIGALRM, so it works in the main thread of a process (gunicorn's
    sync workers, which deploy/ uses) and does nothing elsewhere (threaded
    development server), where gunicorn's timeout stays the only bound.
    """

    def __init__(self, seconds):
        self.active = bool(seconds) and threading.current_thread() is threading.main_thread()
        self.seconds = seconds

    def __enter__(self):
        if self.active:
            self.previous = signal.signal(signal.SIGALRM, self._expired)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc_info):
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)

    def _expired(self, signum, frame):
        raise RequestDeadlineExceeded(f"no answer within {self.seconds} s")


def outage_response(request):
    sent = request.method not in ("GET", "HEAD", "OPTIONS")
    context = {
        "LANGUAGE_CODE": get_language(),
        "not_saved": sent,
        "resend_fields": resend_fields(request) if sent else [],
        "had_files": sent and bool(request.FILES),
        "action": request.get_full_path(),
        "retry_after": RETRY_AFTER_SECONDS,
    }
    response = HttpResponse(render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # Logged once, as a warning, by the caller: an outage is not a bug, and
    # Django would log each of these 503s as an error.
    response._has_been_logged = True
    return response


def resend_fields(request):
    """(name, value) pairs of the sent form, passwords left out."""
    return [
        (name, value)
        for name, values in request.POST.lists()
        if "password" not in name
        for value in values
    ]


def server_error(request, *args, **kwargs):
    """The site's 500 handler (embassy/urls.py). A database outage met by a
    middleware (the session, the second-factor check) never reaches
    process_exception above, which sees only the view's exceptions; Django
    answers those with this handler, so the outage page is given here too."""
    answer = outage_answer(request, sys.exc_info()[1])
    return answer or defaults.server_error(request, *args, **kwargs)
