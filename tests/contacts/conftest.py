import datetime
import zoneinfo

import pytest
from django.core.cache import cache
from django.utils import timezone

KOLKATA = zoneinfo.ZoneInfo("Asia/Kolkata")


@pytest.fixture(autouse=True)
def _empty_cache():
    """The e-mail reveal limit is counted in the cache: start every test at zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def freeze_now(monkeypatch):
    """Set the clock the pages read: freeze_now(2027, 1, 25, 10, 0) is that
    wall-clock time in New Delhi."""

    def freeze(*args, tz=KOLKATA):
        moment = datetime.datetime(*args, tzinfo=tz)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return freeze
