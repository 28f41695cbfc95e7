"""Request ids and log lines: what an operator searches when something broke."""

import json
import logging
import re
import sys

import pytest

from ops.logs import JsonFormatter, RequestIdFilter
from tests.factories import ReleaseFactory
from tests.test_settings import run_settings


@pytest.fixture
def access_lines(caplog):
    """The access log records of the requests made in the test."""
    caplog.set_level(logging.INFO, logger="ops.access")
    caplog.handler.addFilter(RequestIdFilter())
    return lambda: [r for r in caplog.records if r.name == "ops.access"]


def test_every_response_carries_a_fresh_request_id(client, db):
    first = client.get("/en/")["X-Request-ID"]
    second = client.get("/en/no-such-page/")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


def test_a_clients_request_id_is_ignored_without_a_trusted_proxy(client, db, settings):
    settings.TRUST_PROXY_REQUEST_ID = False
    response = client.get("/en/", HTTP_X_REQUEST_ID="forged-request-id-1234")
    assert response["X-Request-ID"] != "forged-request-id-1234"


def test_the_proxys_request_id_is_kept_and_logged(client, db, settings, access_lines):
    settings.TRUST_PROXY_REQUEST_ID = True
    response = client.get("/en/", HTTP_X_REQUEST_ID="0123456789abcdef0123456789abcdef")
    assert response["X-Request-ID"] == "0123456789abcdef0123456789abcdef"
    assert access_lines()[-1].request_id == "0123456789abcdef0123456789abcdef"


def test_a_malformed_request_id_from_the_proxy_is_replaced(client, db, settings):
    settings.TRUST_PROXY_REQUEST_ID = True
    response = client.get("/en/", HTTP_X_REQUEST_ID='x" forged\nlevel=ERROR')
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_access_line_as_json_names_request_and_staff_user(staff_client, access_lines):
    release = ReleaseFactory()
    response = staff_client.get(f"/admin/releases/release/{release.pk}/change/")

    line = json.loads(JsonFormatter().format(access_lines()[-1]))
    assert line["level"] == "INFO"
    assert line["logger"] == "ops.access"
    assert line["request_id"] == response["X-Request-ID"]
    assert line["method"] == "GET"
    assert line["path"] == f"/admin/releases/release/{release.pk}/change/"
    assert line["status"] == 200
    assert line["duration_ms"] > 0
    assert line["user_id"] == response.wsgi_request.user.pk
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", line["time"])


def test_visitors_are_logged_without_a_user(client, db, access_lines):
    client.get("/en/")
    assert access_lines()[-1].user_id is None


def test_exceptions_are_one_json_line():
    try:
        raise ValueError("broken")
    except ValueError:
        record = logging.getLogger("x").makeRecord(
            "x", logging.ERROR, __file__, 1, "failed", (), exc_info=sys.exc_info()
        )
    text = JsonFormatter().format(record)
    assert "\n" not in text
    assert "ValueError: broken" in json.loads(text)["exception"]


SHOW_FORMAT = "import embassy.settings as s; print(s.LOGGING['handlers']['console']['formatter'])"


def test_json_in_production_text_in_development():
    production = run_settings({"DJANGO_SECRET_KEY": "x" * 50}, SHOW_FORMAT)
    development = run_settings({"DJANGO_DEBUG": "1"}, SHOW_FORMAT)
    assert (production.stdout.strip(), development.stdout.strip()) == ("json", "text")
