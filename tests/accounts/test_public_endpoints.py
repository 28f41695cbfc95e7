"""security.txt (RFC 9116) and the CSP violation reports."""

import datetime
import json

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from accounts import views
from accounts.models import CspReport

pytestmark = pytest.mark.django_db


def fields(response):
    lines = response.text.splitlines()
    return [tuple(line.split(": ", 1)) for line in lines if line]


def test_security_txt_has_the_fields_rfc_9116_asks_for(client, settings):
    settings.SECURITY_TXT = {
        **settings.SECURITY_TXT,
        "contact": ["mailto:security@example.org"],
        "policy": "https://www.example.org/security-policy",
    }
    response = client.get("/.well-known/security.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert fields(response) == [
        ("Contact", "mailto:security@example.org"),
        ("Expires", settings.SECURITY_TXT["expires"]),
        ("Preferred-Languages", "en, ru, hi"),
        ("Canonical", "http://testserver/.well-known/security.txt"),
        ("Policy", "https://www.example.org/security-policy"),
    ]


def test_security_txt_does_not_expire_within_30_days():
    """Fails a month ahead: renew DJANGO_SECURITY_TXT_EXPIRES' default in
    embassy/settings.py (RFC 9116: less than a year ahead)."""
    expires = datetime.datetime.fromisoformat(settings.SECURITY_TXT["expires"])
    now = timezone.now()
    assert expires - now > datetime.timedelta(days=30)
    assert expires - now < datetime.timedelta(days=366)


def report_uri_body(**overrides):
    report = {
        "document-uri": "https://www.example.org/en/",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "blocked-uri": "https://evil.example/x.js",
        "source-file": "https://www.example.org/en/",
        **overrides,
    }
    return json.dumps({"csp-report": report})


def post_report(client, body, content_type="application/csp-report"):
    return client.post("/csp-report/", body, content_type=content_type)


def test_pages_name_the_report_endpoint_in_their_policy(client):
    response = client.get("/en/")
    assert "report-uri /csp-report/" in response["Content-Security-Policy"]
    assert "report-to csp-endpoint" in response["Content-Security-Policy"]
    assert response["Reporting-Endpoints"] == 'csp-endpoint="/csp-report/"'


def test_a_report_uri_report_is_stored(client):
    assert post_report(client, report_uri_body()).status_code == 204
    report = CspReport.objects.get()
    assert (report.directive, report.blocked_uri) == (
        "script-src-elem",
        "https://evil.example/x.js",
    )


def test_a_report_to_report_is_stored(client):
    body = [
        {
            "type": "csp-violation",
            "url": "https://www.example.org/en/",
            "body": {
                "documentURL": "https://www.example.org/en/",
                "effectiveDirective": "img-src",
                "blockedURL": "https://tracker.example/p.gif",
            },
        }
    ]
    assert post_report(client, json.dumps(body), "application/reports+json").status_code == 204
    assert CspReport.objects.get().directive == "img-src"


def test_the_same_violation_again_is_counted_not_stored_again(client):
    for _ in range(3):
        post_report(client, report_uri_body())
    assert CspReport.objects.get().count == 3


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("{not json", 400),
        (json.dumps({"something": "else"}), 400),
        (json.dumps([1, 2, 3]), 204),  # a list with no CSP report in it: nothing stored
        ("x" * (10 * 1024 * 1024), 413),
    ],
)
def test_bad_reports_are_refused_and_store_nothing(client, body, status):
    assert post_report(client, body).status_code == status
    assert not CspReport.objects.exists()


def test_one_client_cannot_flood_the_store(client):
    statuses = {
        post_report(
            client, report_uri_body(**{"blocked-uri": f"https://x{n}.example/"})
        ).status_code
        for n in range(views.CSP_REPORTS_PER_CLIENT + 5)
    }
    assert statuses == {204, 429}
    assert CspReport.objects.count() == views.CSP_REPORTS_PER_CLIENT


def test_the_store_has_a_ceiling(monkeypatch):
    monkeypatch.setattr(views, "CSP_REPORT_MAX_ROWS", 3)
    for n in range(6):
        post_report(
            Client(REMOTE_ADDR=f"203.0.113.{n}"), report_uri_body(**{"blocked-uri": str(n)})
        )
    assert CspReport.objects.count() == 3


def test_markup_in_a_report_is_shown_as_text_to_superusers(client, superuser_client):
    post_report(client, report_uri_body(**{"blocked-uri": "<script>alert('x')</script>"}))
    page = superuser_client.get("/admin/accounts/cspreport/")
    assert page.status_code == 200
    assert "<script>alert(" not in page.text
    assert "&lt;script&gt;alert(" in page.text


def test_only_superusers_see_csp_reports(member):
    from tests.accounts_support import verified_client

    assert verified_client(member).get("/admin/accounts/cspreport/").status_code == 403
