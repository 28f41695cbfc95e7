import pytest
from django.core.cache import cache

from tests.workflow.conftest import editor, editor_client, publisher, publisher_client  # noqa: F401


@pytest.fixture(autouse=True)
def _fresh_limits():
    """Rate limits count in the cache: each test starts with none used."""
    cache.clear()
    yield
    cache.clear()
