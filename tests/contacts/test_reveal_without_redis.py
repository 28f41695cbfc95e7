"""The e-mail reveal limit counts in Redis; when Redis stops, the consular
address is still shown (the limit fails open) and the operator is warned.

Each test starts its own redis-server on loopback, so stopping it touches
nobody else's Redis.
"""

import os
import shutil
import subprocess
import time

import lxml.html
import pytest
import redis
from django.test import Client
from django.urls import reverse
from redis.backoff import NoBackoff
from redis.retry import Retry

from contacts import views

from .factories import ContactPointFactory, OfficeFactory

pytestmark = pytest.mark.django_db

REDIS_PORT = 18181
REDIS_URL = f"redis://127.0.0.1:{REDIS_PORT}/5"
ADDRESS = "consul.secret@example.org"


def direct_client():
    """A client of our Redis that reports a refused connection at once
    (redis-py's own default retries ten times)."""
    return redis.Redis(port=REDIS_PORT, db=5, retry=Retry(NoBackoff(), 0))


@pytest.fixture
def redis_server():
    """A real Redis on REDIS_PORT, used as Django's cache; stop() stops it."""
    binary = shutil.which("redis-server")
    if binary is None:
        missing = "redis-server is missing: apt-get install redis-server"
        if os.environ.get("CI") == "true":  # CI installs it: missing is a fault there
            pytest.fail(missing)
        pytest.skip(missing)
    options = ["--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    server = subprocess.Popen(  # noqa: S603 - a fixed command line
        [binary, "--port", str(REDIS_PORT), *options], stdout=subprocess.DEVNULL
    )
    wait_until_answering(direct_client())
    yield server
    server.terminate()
    server.wait(timeout=10)


def wait_until_answering(client, attempts=100):
    for _ in range(attempts):
        try:
            client.ping()
        except redis.ConnectionError:
            time.sleep(0.05)
        else:
            return
    pytest.fail(f"redis-server on port {REDIS_PORT} did not start")


def stop(server):
    server.terminate()
    server.wait(timeout=10)
    with pytest.raises(redis.ConnectionError):
        direct_client().ping()


@pytest.fixture
def redis_cache(settings, redis_server):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    direct_client().flushdb()
    return redis_server


@pytest.fixture
def reveal_url():
    contact = ContactPointFactory(office=OfficeFactory(), protected_email=True, email=ADDRESS)
    return reverse("contacts:reveal-email", args=[contact.pk])


def shown_address(response):
    links = lxml.html.fromstring(response.content).xpath(f"//a[@href='mailto:{ADDRESS}']")
    return links[0].text if links else None


def test_the_limit_counts_in_redis(redis_cache, reveal_url, monkeypatch):
    monkeypatch.setattr(views, "REVEAL_LIMIT", 2)
    visitor = Client(REMOTE_ADDR="203.0.113.7")
    assert [visitor.post(reveal_url).status_code for _ in range(3)] == [200, 200, 429]
    # One counter for the visitor, in Redis (Django's cache prefixes keys with ":1:").
    assert len(direct_client().keys("*contacts:reveal:*")) == 1


def test_with_redis_stopped_the_address_is_still_shown(redis_cache, reveal_url, caplog):
    stop(redis_cache)
    response = Client(REMOTE_ADDR="203.0.113.7").post(reveal_url)
    assert response.status_code == 200
    assert shown_address(response) == ADDRESS
    assert "E-mail reveal limit not applied, the cache is unavailable" in caplog.text


def test_redis_stopping_after_the_limit_was_reached_lets_the_visitor_through(
    redis_cache, reveal_url, monkeypatch
):
    monkeypatch.setattr(views, "REVEAL_LIMIT", 1)
    visitor = Client(REMOTE_ADDR="203.0.113.7")
    assert [visitor.post(reveal_url).status_code for _ in range(2)] == [200, 429]
    stop(redis_cache)
    assert shown_address(visitor.post(reveal_url)) == ADDRESS
