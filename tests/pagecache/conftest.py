import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def page_cache(_fresh_caches, settings):
    """The page cache on, as in production, working its schedules out for
    real (the suite's default state knows of none)."""
    settings.PAGE_CACHE = True
    cache.clear()


def outcome(response):
    return response.get("X-Page-Cache")
