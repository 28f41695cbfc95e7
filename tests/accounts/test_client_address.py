"""The one client-address helper every limit and log uses."""

import datetime

import pytest
from django.test import RequestFactory
from django.utils import timezone

from embassy.client_address import client_address
from releases.models import EmbargoAccess, EmbargoLink, hash_token
from tests.factories import ReleaseFactory

factory = RequestFactory()


def request(xff=None, remote="10.0.0.2"):
    extra = {"HTTP_X_FORWARDED_FOR": xff} if xff is not None else {}
    return factory.get("/", REMOTE_ADDR=remote, **extra)


@pytest.mark.parametrize(
    ("proxies", "xff", "expected"),
    [
        (0, "203.0.113.7", "10.0.0.2"),  # no proxy trusted: the header is ignored
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "1.2.3.4, 203.0.113.7", "203.0.113.7"),  # the forged left part is skipped
        (2, "1.2.3.4, 203.0.113.7, 10.0.0.1", "203.0.113.7"),
        (1, None, "10.0.0.2"),
    ],
)
def test_the_client_is_as_many_entries_from_the_right_as_there_are_proxies(
    settings, proxies, xff, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(request(xff)) == expected


@pytest.mark.django_db
def test_the_embargo_log_tells_recipients_apart_behind_the_proxy(settings, client):
    settings.TRUSTED_PROXY_COUNT = 1
    EmbargoLink.objects.create(
        release=ReleaseFactory(scheduled=True),
        recipient_name="Reporter",
        recipient_email="reporter@example.org",
        token_hash=hash_token("live-token"),
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    for journalist in ("203.0.113.1", "203.0.113.2"):
        client.get(
            "/en/embargo/live-token/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=journalist
        )
    assert EmbargoAccess.objects.values("ip_hash").distinct().count() == 2
