"""The next moment at which public content changes by time alone.

Each dotted path in ``settings.PAGE_CACHE_SCHEDULES`` names a callable
``(now) -> datetime | None``: the first moment strictly after ``now`` at which
what it knows about changes with no save at all (a scheduled release goes
live, an office closes). The earliest of them bounds every cached page.

A path that cannot be imported is logged once and skipped, so an app may list
its schedule before it is installed. A callable that fails is logged each
time and makes the answer "soon": the cache then holds pages for
``FAILED_SCHEDULE_SECONDS`` only, never longer than it can vouch for.
"""

import datetime
import functools
import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

FAILED_SCHEDULE_SECONDS = 10


@functools.cache
def _load(path):
    try:
        return import_string(path)
    except ImportError:
        logger.warning("page cache schedule %s cannot be imported; skipped", path)
        return None


def next_change(now: datetime.datetime) -> datetime.datetime | None:
    """The earliest moment after `now` named by any schedule, or None."""
    moments = []
    for path in settings.PAGE_CACHE_SCHEDULES:
        schedule = _load(path)
        if schedule is None:
            continue
        try:
            moment = schedule(now)
        except Exception:
            logger.exception("page cache schedule %s failed", path)
            moment = now + datetime.timedelta(seconds=FAILED_SCHEDULE_SECONDS)
        if moment is not None and moment > now:
            moments.append(moment)
    return min(moments, default=None)
