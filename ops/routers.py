"""Send the public site's reads to read replicas; everything else to the primary.

Active only when DATABASE_REPLICA_URLS names replicas (settings add this
router then; with none, nothing changes). ReplicaMiddleware decides per
request whether its reads may go to a replica:

- only GET and HEAD requests outside the admin;
- not once the request wrote anything (it reads its own writes);
- not for a few seconds after the same browser sent a form that wrote (a
  cookie): an editor who publishes and follows "View on site" sees the
  page, even while the replica is still replaying the change. A GET that
  writes (a thumbnail's record) pins only itself: public pages set no cookie.
- only a replica that answers: the request's replica is picked, and its
  connection opened (or its kept connection health-checked, a `SELECT 1`
  that the first query would cost anyway), before the view runs. One that
  fails is left alone for DATABASE_REPLICA_RETRY_SECONDS by this worker, and
  its reads go to another replica or to the primary: a stopped replica costs
  each worker one failed connection (bounded by the connect timeout) per
  period, not a 503 per visitor.

Outside a request (management commands, shell) everything uses the primary.
"""

import contextlib
import contextvars
import logging
import random
import time

from django.conf import settings
from django.db import DatabaseError, connections

PRIMARY = "default"
PIN_COOKIE = "read_primary"
# Staff pages (embassy/urls.py) always read the primary.
ADMIN_PREFIX = "/admin/"

log = logging.getLogger("ops.routers")

# The replica the current request reads from, or None (the primary).
_replica = contextvars.ContextVar("replica", default=None)
# Replica alias -> time.monotonic() before which this worker does not try it.
_down_until = {}
# Set once the current request wrote: its later reads and the next requests
# of the same browser use the primary.
_wrote = contextvars.ContextVar("wrote", default=None)


def replicas():
    return [alias for alias in settings.DATABASES if alias != PRIMARY]


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        replica = _replica.get()
        if replica and not _wrote_now():
            return replica
        return PRIMARY

    def db_for_write(self, model, **hints):
        flag = _wrote.get()
        if flag is not None:
            flag.append(True)
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # replicas hold the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY  # replicas receive the schema by replication


def _wrote_now():
    return bool(_wrote.get())


def answering_replica():
    """A replica that answers now, or None: then the primary serves."""
    now = time.monotonic()
    candidates = [alias for alias in replicas() if _down_until.get(alias, 0) <= now]
    random.shuffle(candidates)  # spreading load, not a secret
    for alias in candidates:
        if _answers(alias):
            _down_until.pop(alias, None)
            return alias
        retry = settings.DATABASE_REPLICA_RETRY_SECONDS
        _down_until[alias] = now + retry
        log.warning("Replica %s does not answer: its reads go elsewhere for %s s.", alias, retry)
    return None


def _answers(alias):
    connection = connections[alias]
    try:
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    except DatabaseError:
        with contextlib.suppress(DatabaseError):
            connection.close()
        return False
    return True


class ReplicaMiddleware:
    """Marks which requests may read from a replica (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.DATABASE_ROUTERS:
            return self.get_response(request)
        replica = answering_replica() if self.may_use_replica(request) else None
        wrote = []
        tokens = (_replica.set(replica), _wrote.set(wrote))
        try:
            response = self.get_response(request)
        finally:
            _replica.reset(tokens[0])
            _wrote.reset(tokens[1])
        if wrote and request.method not in ("GET", "HEAD"):
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def may_use_replica(self, request):
        return (
            request.method in ("GET", "HEAD")
            and not request.path.startswith(ADMIN_PREFIX)
            and PIN_COOKIE not in request.COOKIES
        )
