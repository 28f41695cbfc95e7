import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


SHOW_SETTINGS = "import embassy.settings as s; print(s.DEBUG, s.TIME_ZONE)"


def run_settings(env, code=SHOW_SETTINGS):
    """Run `code` against the production settings in a fresh interpreter."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(  # noqa: S603 - our own code, our own interpreter
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "embassy.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_secret_key_is_required_when_debug_is_off():
    result = run_settings({})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_debug_is_off_unless_asked_and_zone_defaults_to_new_delhi():
    result = run_settings({"DJANGO_SECRET_KEY": "x" * 50})
    assert result.stdout.split() == ["False", "Asia/Kolkata"]


@pytest.mark.parametrize("value", ["1", "true", "yes"])
def test_debug_can_be_turned_on(value):
    result = run_settings({"DJANGO_DEBUG": value})
    assert result.stdout.split()[0] == "True"


def test_security_headers_on_a_public_page(client, db):
    response = client.get("/en/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


REDIS_CHECK = """
import django
django.setup()
from django.core.cache import cache
cache.set("embassy-settings-check", "ok", 5)
from django.core.cache import caches
print(type(caches["default"]).__name__, cache.get("embassy-settings-check"))
"""


def test_redis_url_gives_a_shared_cache_that_works():
    """With REDIS_URL set, every worker shares Django's built-in Redis cache
    (CI starts Redis on 127.0.0.1:6379)."""
    redis_url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    result = run_settings({"DJANGO_DEBUG": "1", "REDIS_URL": redis_url}, code=REDIS_CHECK)
    assert result.stdout.split() == ["RedisCache", "ok"], result.stderr[-2000:]


REDIS_TIMEOUTS = """
import django
django.setup()
from django.core.cache import cache
kwargs = cache._cache._get_connection_pool(write=True).connection_kwargs
print(kwargs["socket_connect_timeout"], kwargs["socket_timeout"])
"""


def test_a_dead_redis_fails_within_a_second():
    """redis-py waits 5 s per connect and per read by default: a hung Redis
    would hold every worker that long. Nothing needs to listen here."""
    env = {"DJANGO_DEBUG": "1", "REDIS_URL": "redis://127.0.0.1:18183/5"}
    result = run_settings(env, code=REDIS_TIMEOUTS)
    connect, read = map(float, result.stdout.split())
    assert 0 < connect <= 1
    assert 0 < read <= 1


def test_favicon_address_leads_to_the_linked_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.svg"
    assert client.get("/en/", HTTP_ACCEPT_LANGUAGE="en").text.count("img/favicon.svg") == 1


def test_with_object_storage_no_page_outlives_its_signed_addresses():
    """Pages carry signed image and document addresses (10 minutes by
    default): neither the page cache, the pieces of pages, nor Varnish or a
    CDN keeps one longer than half of that, whatever the operator set."""
    show = (
        "import embassy.settings as s; "
        "print(s.PAGE_CACHE_SECONDS, s.PAGE_CACHE_SHARED_SECONDS, s.FRAGMENT_CACHE_SECONDS)"
    )
    environment = {
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_MEDIA_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": "media",
        "VARNISH_URLS": "http://127.0.0.1:6081",
    }
    assert run_settings(environment, show).stdout.split() == ["300", "300", "300"]
    longer = {**environment, "AWS_QUERYSTRING_EXPIRE": "7200"}
    assert run_settings(longer, show).stdout.split() == ["3600", "3600", "3600"]
    local = {"DJANGO_SECRET_KEY": "x" * 50, "VARNISH_URLS": "http://127.0.0.1:6081"}
    assert run_settings(local, show).stdout.split() == ["86400", "3600", "86400"]
