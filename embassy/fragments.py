"""Expensive pieces of public pages, computed once per content version.

A piece (the filter form's options, a paginator's count, the page boundaries
of a long list, the rows a detail page shows) depends only on public content,
and public content changes in two ways: a committed edit, which moves the
content version on (pagecache/version.py), or the clock passing a scheduled
moment (a release going live or ending at its second), which moves nothing.
So a piece is kept under the version and only until the next scheduled
moment; with the shared cache down (no version) it is computed afresh, never
served stale. A public request reads the version once, with its page
(pagecache/state.py), and every piece of the page under it.

Two levels: a small dictionary in the process (no network round trip for the
pieces of every request), and the shared cache, so that a new worker or app
server does not recompute what another one already did.
"""

import datetime
import hashlib
import logging
import threading
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from pagecache import state as page_state

logger = logging.getLogger(__name__)

# Entries kept in each process: far more than the pieces of the busy pages,
# few enough that the rows of as many release pages (tens of kilobytes each,
# their three languages) keep a worker well within its memory.
LOCAL_ENTRIES = 256
_local = OrderedDict()
_lock = threading.Lock()


def next_scheduled_moment(current):
    """The next time something public changes by itself (a publication, an
    end of publication, a notice starting or ending, a fee taking effect).

    The page cache's state already holds it for the current version, worked
    out once for all processes (pagecache/state.py); only when that state
    belongs to another version (an edit landed between the two reads) is it
    worked out here."""
    from pagecache import schedules

    now = timezone.now()
    known = page_state.current(now)
    if known is not None and known.version == current:
        if known.next_change is None:
            return None
        return datetime.datetime.fromtimestamp(known.next_change, datetime.UTC)
    return schedules.next_change(now)


def query_key(queryset):
    """What a list's results depend on, as a hashable value: its SQL and
    parameters, with the moment the query was built (`published()` compares
    with the clock) left out; the fragment cache bounds its entries by the
    next scheduled moment instead."""
    now = timezone.now()
    sql, params = queryset.query.sql_with_params()
    return (sql, tuple("now" if is_now(value, now) else value for value in params))


def is_now(value, now):
    """True for the query's reading of the clock: a datetime on PostgreSQL,
    the adapted text ('2026-12-03 07:56:26.238346', UTC) on SQLite, whose
    parameters Django hands over already converted."""
    if type(value) is str and len(value) >= 19 and value[4] == "-" and value[10] == " ":
        try:
            value = datetime.datetime.fromisoformat(value)
        except ValueError:
            return False
        if timezone.is_naive(value):
            value = value.replace(tzinfo=datetime.UTC)
    return type(value) is datetime.datetime and abs(value - now) < datetime.timedelta(seconds=5)


def key_for(*parts):
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return f"fragment:{digest}"


def cached(name, parts, build):
    """`build()`, kept under (content version, name, parts) until the next
    scheduled moment. `parts` must name everything the result depends on
    other than public content (language, filters, page size)."""
    current = page_state.current_version()
    if current is None:
        return build()
    now = timezone.now()
    if replicas_settling(now):
        return build()
    key = key_for(current, name, *parts)
    entry = _local_get(key)
    if entry is None:
        entry = _shared_get(key)
    if entry is not None and entry[0] is not None and now < entry[0]:
        _local_put(key, entry)
        return entry[1]
    # The moment is read before building: a piece built across a moment is
    # kept no longer than that moment.
    until = kept_until(current, now)
    value = build()
    entry = (until, value)
    _local_put(key, entry)
    _shared_put(key, entry, until, now)
    return value


def kept_until(current, now):
    """The next scheduled moment, and at most FRAGMENT_CACHE_SECONDS: pieces
    such as a page's sharing image carry signed media addresses, which
    expire (settings.py caps it at half their life)."""
    until = now + datetime.timedelta(seconds=settings.FRAGMENT_CACHE_SECONDS)
    moment = next_scheduled_moment(current)
    return until if moment is None else min(moment, until)


def replicas_settling(now):
    """True just after a change, while a read replica may not have it yet: a
    piece read from one then would be kept under the new version with the
    old rows. The page cache keeps no page then either (same window)."""
    if not settings.DATABASE_ROUTERS:
        return False
    known = page_state.current(now)
    if known is None:
        return True
    return known.since + settings.DATABASE_REPLICA_PIN_SECONDS > now.timestamp()


def _local_get(key):
    with _lock:
        entry = _local.get(key)
        if entry is not None:
            _local.move_to_end(key)
        return entry


def _local_put(key, entry):
    with _lock:
        _local[key] = entry
        _local.move_to_end(key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)


def _shared_get(key):
    try:
        return cache.get(key)
    except Exception:  # a cache outage must never fail a page
        logger.warning("fragment cache unavailable", exc_info=True)
        return None


def _shared_put(key, entry, until, now):
    timeout = max(1, int((until - now).total_seconds()) + 1)
    try:
        cache.set(key, entry, timeout=timeout)
    except Exception:
        logger.warning("fragment cache unavailable", exc_info=True)


def clear_local():
    """Forget the pieces of this process (tests that move the clock use it)."""
    with _lock:
        _local.clear()
