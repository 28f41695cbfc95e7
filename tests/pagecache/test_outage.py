"""A cache that is down never fails a page: it is rendered as if there were no cache."""

import pytest

from tests.factories import ReleaseFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens there (our own port range).
            "LOCATION": "redis://127.0.0.1:19049/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }


def test_pages_are_served_while_the_cache_is_down(client, redis_down):
    release = ReleaseFactory(published=True, title_en="Still readable")
    for url in ("/en/releases/", release.get_absolute_url(), "/en/contacts/"):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Still readable" in client.get("/en/releases/").text
    release.title_en = "Saved while the cache is down"
    release.save()
    assert "Saved while the cache is down" in client.get("/en/releases/").text


def test_a_cache_that_stopped_answering_is_not_waited_on_at_every_request(client, monkeypatch):
    from pagecache import state

    class Unanswering:
        calls = 0

        def get_many(self, keys):
            self.calls += 1
            raise TimeoutError("no answer from Redis")

    cache = Unanswering()
    monkeypatch.setattr(state, "cache", cache)
    monkeypatch.setattr(state, "_unavailable_until", 0.0)
    for _ in range(3):
        assert client.get("/en/releases/").status_code == 200
    assert cache.calls == 1
