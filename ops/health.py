"""Health endpoints for load balancers and process managers.

- GET /healthz (liveness): the process answers. Touches no backing service,
  so a database outage never makes every server look dead and get restarted.
- GET /readyz (readiness): the database, the cache and the media storage
  each answer within a few seconds. 200 or 503 with a small JSON body naming
  each part `ok` or `failing`; never an error message (it could name hosts or
  users). A balancer stops sending visitors to a server that is not ready.
  A failing read replica is named but leaves the server ready ("degraded"):
  its reads go to the primary (ops/routers.py), and taking every server out
  because one replica stopped would turn a slower site into no site.

Both are answered by HealthMiddleware, near the top of MIDDLEWARE: before the
host check (a balancer probes by address), the HTTPS redirect (it probes over
plain HTTP on the private network), the language prefix and the session. They
are never cached and never logged as errors.
"""

import concurrent.futures
import functools
import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connections
from django.http import JsonResponse

PATHS = {"/healthz", "/readyz"}
# Each check gets this long; a backing service slower than that is failing.
CHECK_TIMEOUT_SECONDS = 3

log = logging.getLogger("ops.health")


def check_database(alias="default"):
    # A thread of its own opens its own connection (Django's are per thread),
    # so connect_timeout bounds it, and closes it again.
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        connections.close_all()


def check_cache():
    token = secrets.token_hex(8)
    cache.set("ops:readyz", token, 30)
    if cache.get("ops:readyz") != token:
        raise RuntimeError("the cache did not keep a value")


def check_storage():
    # Listing the top folder: S3 answers for the bucket and the credentials,
    # a local folder for its existence.
    default_storage.listdir("")


def replica_aliases():
    return [alias for alias in settings.DATABASES if alias != "default"]


def checks():
    """The parts to check: the database (and each read replica, named by
    its alias: replica_1...), the cache and the storage."""
    parts = {"database": check_database}
    for alias in replica_aliases():
        parts[alias] = functools.partial(check_database, alias)
    return {**parts, "cache": check_cache, "storage": check_storage}


def readiness():
    """{part: "ok" | "failing"}, all parts checked at once, each bounded."""
    parts = checks()
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=len(parts))
    futures = {name: pool.submit(check) for name, check in parts.items()}
    results = {}
    for name, future in futures.items():
        try:
            future.result(timeout=CHECK_TIMEOUT_SECONDS)
            results[name] = "ok"
        except Exception as error:  # any failure means not ready
            log.warning("Readiness check %s failed: %s", name, type(error).__name__)
            results[name] = "failing"
    # A hung check keeps its thread; don't wait for it.
    pool.shutdown(wait=False)
    return results


def healthz():
    return _no_store(JsonResponse({"status": "ok"}))


def readyz():
    checks = readiness()
    needed = {name: result for name, result in checks.items() if name not in replica_aliases()}
    ready = all(result == "ok" for result in needed.values())
    complete = all(result == "ok" for result in checks.values())
    status = "ok" if complete else "degraded" if ready else "unavailable"
    body = {"status": status, "checks": checks}
    return _no_store(JsonResponse(body, status=200 if ready else 503))


def _no_store(response):
    response["Cache-Control"] = "no-store"
    # A failed check was logged as a warning above; Django would log every
    # 503 again as an error ("Service Unavailable") each time a balancer probes.
    response._has_been_logged = True
    return response


class HealthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path in PATHS and request.method in ("GET", "HEAD"):
            return healthz() if request.path == "/healthz" else readyz()
        return self.get_response(request)
