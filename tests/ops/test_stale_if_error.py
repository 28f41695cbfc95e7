"""Caches in front may keep serving public pages while the site is down."""

import pytest

from tests.factories import ReleaseFactory

pytestmark = pytest.mark.django_db


def test_public_pages_may_be_served_stale_during_an_outage(client):
    release = ReleaseFactory(published=True)
    for url in ("/en/", "/en/releases/", release.get_absolute_url(), "/en/releases/feed/atom/"):
        cache_control = client.get(url)["Cache-Control"]
        assert "stale-if-error=86400" in cache_control, url
        assert "public" in cache_control


def test_private_pages_are_never_served_stale(staff_client):
    draft = ReleaseFactory()
    response = staff_client.get(draft.get_absolute_url())  # a staff preview
    assert "stale-if-error" not in response["Cache-Control"]
    assert "stale-if-error" not in staff_client.get("/admin/").get("Cache-Control", "")
