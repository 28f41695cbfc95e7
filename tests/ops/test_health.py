"""/healthz and /readyz, as a load balancer uses them."""

import json
import logging


def test_liveness_answers_without_touching_any_backing_service(client, settings):
    # No database access is allowed in this test (pytest-django blocks it),
    # and the balancer probes by address, over plain HTTP.
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="10.0.0.5")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_readiness_reports_every_part_ok(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok"},
    }
    assert response["Cache-Control"] == "no-store"


def test_readiness_names_the_failing_part_without_details(client, db, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens there: a Redis that is down.
            "LOCATION": "redis://:secret-password@127.0.0.1:18299/8",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    with caplog.at_level(logging.INFO):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "cache": "failing", "storage": "ok"},
    }
    assert "secret-password" not in response.text and "18299" not in response.text
    # A balancer probing a sick server every few seconds is not an error.
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


def test_readiness_fails_when_the_media_folder_is_gone(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "unmounted")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["storage"] == "failing"


def test_health_endpoints_are_outside_the_language_prefix(client, db):
    assert client.get("/en/healthz").status_code == 404
