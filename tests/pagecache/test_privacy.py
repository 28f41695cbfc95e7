"""No staff or preview response is ever stored, and no staff member is
given the public's cached copy; nothing carrying a secret is compressed."""

import gzip

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory

from pagecache.middleware import is_storable
from tests.factories import ReleaseFactory

from .conftest import outcome

pytestmark = pytest.mark.django_db(transaction=True)

LIST = "/en/releases/"


def test_a_staff_request_is_neither_stored_nor_served_from_the_cache(staff_client):
    client = Client()  # a visitor (staff_client is the fixture `client`, logged in)
    ReleaseFactory(published=True)
    assert outcome(staff_client.get(LIST)) is None
    assert outcome(client.get(LIST)) == "miss"  # the staff page was not stored
    assert outcome(client.get(LIST)) == "hit"
    assert outcome(staff_client.get(LIST)) is None  # nor given the public copy


def test_a_staff_preview_is_never_stored(staff_client):
    draft = ReleaseFactory(title_en="Draft under review")
    preview = staff_client.get(draft.get_absolute_url())
    assert "Draft under review" in preview.text
    response = Client().get(draft.get_absolute_url())
    assert response.status_code == 404
    assert "Draft under review" not in response.text


def test_an_embargo_link_is_never_stored(client):
    response = client.get("/en/embargo/not-a-real-token/")
    assert response.status_code == 403
    assert outcome(response) is None


def test_responses_that_set_a_cookie_or_are_private_are_not_stored():
    request = RequestFactory().get("/en/releases/")
    public = HttpResponse("page")
    public["Cache-Control"] = "public, max-age=60"
    assert is_storable(request, public)
    with_cookie = HttpResponse("page")
    with_cookie["Cache-Control"] = "public, max-age=60"
    with_cookie.set_cookie("anything", "1")
    assert not is_storable(request, with_cookie)
    for directives in ("private", "no-store", "public, no-cache", ""):
        response = HttpResponse("page")
        response["Cache-Control"] = directives
        assert not is_storable(request, response), directives
    varies_by_cookie = HttpResponse("page")
    varies_by_cookie["Cache-Control"] = "public, max-age=60"
    varies_by_cookie["Vary"] = "Cookie"
    assert not is_storable(request, varies_by_cookie)


def test_a_page_with_a_csrf_token_is_not_stored():
    request = RequestFactory().get("/en/releases/")
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    response = HttpResponse("<form><input name=csrfmiddlewaretoken value=secret></form>")
    response["Cache-Control"] = "public, max-age=60"
    assert not is_storable(request, response)


def test_public_pages_are_compressed_for_clients_that_accept_it(client):
    ReleaseFactory(published=True, title_en="Compressed statement")
    for _ in range(2):  # the miss and the hit
        response = client.get(LIST, headers={"accept-encoding": "gzip, br"})
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert "Compressed statement" in gzip.decompress(response.content).decode()
    plain = client.get(LIST)
    assert not plain.has_header("Content-Encoding")
    assert "Compressed statement" in plain.text


def test_nothing_with_a_csrf_token_is_compressed(client):
    response = client.get("/admin/login/", headers={"accept-encoding": "gzip"})
    assert "csrfmiddlewaretoken" in response.text
    assert not response.has_header("Content-Encoding")
