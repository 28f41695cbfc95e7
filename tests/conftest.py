import contextlib
import datetime
import functools

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from pagecache import state as page_state
from pagecache import version
from tests.accounts_support import log_in_verified


@pytest.fixture(autouse=True)
def _english_by_default():
    """Model code runs in English unless a test activates another language."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_caches(request, monkeypatch):
    """Every test starts with an empty cache (the last test's database was
    rolled back, and what the cache kept of it describes rows that no longer
    exist), and a page cache that knows of no scheduled change (so it queries
    nothing to find one; tests/pagecache works schedules out for real). A
    test that runs inside one transaction, never committed, sees the content
    version move on at each change, as a commit would; a transactional test
    keeps the real "after the commit" behaviour."""
    from embassy import fragments

    page_state._unavailable_until = 0.0  # a test that took Redis away is over
    cache.clear()
    fragments.clear_local()
    # A test that moves the clock is about what changes with it: the
    # schedules are worked out for real there.
    real_schedules = "clock" in request.fixturenames
    if not real_schedules:
        _assume_no_schedule(version.current())
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker and marker.kwargs.get("transaction")) or (
        "transactional_db" in request.fixturenames or "live_server" in request.fixturenames
    )
    if not transactional:
        monkeypatch.setattr(
            version, "bump", functools.partial(_bump_now, assume_no_schedule=not real_schedules)
        )


def _assume_no_schedule(number):
    """The page state of version `number`, with no scheduled change known,
    so that pages do not work the schedules out (which would add queries)."""
    state = (number, 0, None, int(timezone.now().timestamp()))
    cache.set(page_state.STATE_KEY, state, None)


def _bump_now(assume_no_schedule):
    """Move the content version on at once. Without a version yet, nothing
    was kept under one, and none is made (a test may count the cache's keys)."""
    with contextlib.suppress(ValueError):
        number = cache.incr(version.KEY)
        if assume_no_schedule:
            _assume_no_schedule(number)


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("staff", "staff@example.org", "pw-for-tests")
    return log_in_verified(client, user)


@pytest.fixture
def count_queries():
    """Run `action` and return how many database queries it made: compare
    two counts (few items, many items) so that a lost prefetch fails."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(action):
        with CaptureQueriesContext(connection) as context:
            action()
        return len(context.captured_queries)

    return count


class Clock:
    """A stopped clock for `timezone.now()`, which `published()`, `state` and
    the pages read. `set()` a moment, `tick(minutes=5)` to move it on."""

    def __init__(self):
        self.now = timezone.now().replace(microsecond=0)

    def set(self, moment):
        self.now = moment

    def tick(self, **delta):
        self.now += datetime.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(timezone, "now", lambda: clock.now)
    return clock
