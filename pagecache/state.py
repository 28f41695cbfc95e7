"""What every cached page is keyed on: the content version and the epoch.

The version moves on with every committed change (version.py); the epoch
moves on when a scheduled moment passes (schedules.py). Both are read on every
request, with the version and the page asked for, in one round trip:

    pagecache:state = (version, epoch, next_change, since)

`next_change` is worked out (a few indexed queries) only when the version
moved or the moment passed, by whichever worker notices first. `since` is
when the public content last changed at the latest, for Last-Modified; it
always moves forward by a second at least, so If-Modified-Since never
mistakes a new page for the old one.
"""

import contextlib
import contextvars
import datetime
import logging
import math
import time
from dataclasses import dataclass

from django.core.cache import cache

from . import schedules, version

logger = logging.getLogger(__name__)

STATE_KEY = "pagecache:state"
# After the cache failed to answer, this process renders without it for this
# long instead of waiting on its timeouts at every request.
RETRY_AFTER_SECONDS = 5
_unavailable_until = 0.0
# The state a public request started in (see `kept_for_request`).
_request_state = contextvars.ContextVar("pagecache_request_state", default=None)


@dataclass(frozen=True)
class State:
    version: int
    epoch: int
    next_change: float | None  # a timestamp
    since: int  # a timestamp, whole seconds

    @property
    def tag(self):
        return f"{self.version}.{self.epoch}"

    @property
    def last_modified(self):
        return datetime.datetime.fromtimestamp(self.since, datetime.UTC)

    def seconds_left(self, now):
        """Seconds until a scheduled moment changes the content; None if none is known."""
        if self.next_change is None:
            return None
        return max(0.0, self.next_change - now.timestamp())

    def is_current_at(self, now):
        return self.next_change is None or now.timestamp() < self.next_change


def current(now: datetime.datetime) -> State | None:
    """The state at `now`; None when the cache cannot be reached."""
    known = _request_state.get()
    if known is not None and known.is_current_at(now):
        return known
    return current_with(now, None)[0]


def current_version() -> int | None:
    """The content version: the request's own (read once, with its page), or
    else asked of the cache; None when the cache cannot be reached."""
    known = _request_state.get()
    return known.version if known is not None else version.current()


@contextlib.contextmanager
def kept_for_request(state):
    """Within a public request, the state read with its page stands for the
    whole request: every fragment of the page is read under one version (a
    consistent page), without a round trip to the cache for each. A public
    request changes no content, so the version cannot move under it."""
    token = _request_state.set(state)
    try:
        yield
    finally:
        _request_state.reset(token)


def current_with(now, key):
    """The state at `now` and the value of `key` (None if absent), in one
    round trip to the cache; (None, None) when it cannot be reached."""
    global _unavailable_until
    if time.monotonic() < _unavailable_until:
        return None, None
    try:
        values = cache.get_many([version.KEY, STATE_KEY, *([key] if key else [])])
    except Exception:
        logger.warning("page cache unavailable, pages are rendered without it", exc_info=True)
        _unavailable_until = time.monotonic() + RETRY_AFTER_SECONDS
        return None, None
    number = values.get(version.KEY)
    if number is None:
        number = version.current()
        if number is None:
            return None, None
    extra = values.get(key) if key else None
    stored = values.get(STATE_KEY)
    if stored is not None:
        state = State(*stored)
        if state.version == number and state.is_current_at(now):
            return state, extra
    return _renew(number, stored and State(*stored), now), extra


def _renew(number, previous, now):
    """A new state for version `number`: after a change, or once the
    previous state's scheduled moment has passed."""
    moment = schedules.next_change(now)
    next_change = moment.timestamp() if moment else None
    floor = previous.since + 1 if previous else 0
    if previous is not None and previous.version == number:
        # The scheduled moment passed: the same version, a new epoch.
        epoch = math.ceil(previous.next_change)
        since = max(epoch, floor)
    else:
        epoch = 0
        since = max(math.floor(now.timestamp()), floor)
    state = State(number, epoch, next_change, since)
    try:
        cache.set(STATE_KEY, (state.version, state.epoch, state.next_change, state.since), None)
    except Exception:
        logger.warning("page cache state not stored", exc_info=True)
    return state
