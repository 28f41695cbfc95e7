"""The content version: read it, and move it on when content changes."""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from . import varnish

logger = logging.getLogger(__name__)

KEY = "pagecache:content-version"


def current() -> int | None:
    """The version now, shared by every worker through the cache; None when
    the cache cannot be reached (callers then render without caching)."""
    try:
        value = cache.get(KEY)
        if value is None:
            # A time-based start: a flushed cache never brings back a number
            # that older entries were stored under.
            cache.add(KEY, time.time_ns() // 1000, timeout=None)
            value = cache.get(KEY)
    except Exception:  # a cache outage must never fail a page
        logger.warning("content version unavailable", exc_info=True)
        return None
    return value


def bump() -> None:
    """Move the version on, once the change is committed: a reader that ran
    before the commit must not store the old content under the new number."""
    transaction.on_commit(_increment)


def _increment() -> None:
    try:
        cache.incr(KEY)
    except ValueError:  # not set (yet, or after a flush)
        cache.set(KEY, time.time_ns() // 1000, timeout=None)
    except Exception:
        logger.error("content version could not be moved on", exc_info=True)
    # Varnish keeps its own copies: they go too (in the background).
    varnish.ban_everything()


def watches(model) -> bool:
    return model._meta.app_label in settings.PAGE_CACHE_APPS


def on_change(sender, **kwargs) -> None:
    if watches(sender):
        bump()


def on_migrate(sender, **kwargs) -> None:
    """Every deployment runs `migrate`: pages rendered by the previous code
    (other templates, other translations) go with it. Sent once per app."""
    if sender.label in settings.PAGE_CACHE_APPS:
        bump()
