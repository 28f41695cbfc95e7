"""A protected address never reaches a page's HTML in any form a harvester
could decode; a person gets it with one button press, without JavaScript."""

import base64
import codecs
import html as html_module
import urllib.parse

import lxml.html
import pytest
from django.test import Client
from django.urls import reverse

from contacts import views

from .factories import ContactPointFactory, OfficeFactory

pytestmark = pytest.mark.django_db

SECRET = "consul.secret@example.org"


def disguises(address):
    """The address as harvesters find it when sites try to hide it."""
    local, domain = address.split("@")
    forms = {
        address,
        address.upper(),
        address[::-1],
        local,
        f"{local} [at] {domain}",
        f"{local} (at) {domain}",
        html_module.escape(address),
        "".join(f"&#{ord(c)};" for c in address),
        "".join(f"&#x{ord(c):x};" for c in address),
        urllib.parse.quote(address),
        base64.b64encode(address.encode()).decode().rstrip("="),
        base64.b64encode(f"mailto:{address}".encode()).decode().rstrip("="),
        codecs.encode(address, "rot13"),
        address.encode().hex(),
    }
    return forms


@pytest.fixture
def office():
    office = OfficeFactory(slug="embassy")
    ContactPointFactory(office=office, public_email=True, email="info@example.org")
    ContactPointFactory(office=office, protected_email=True, email=SECRET)
    return office


@pytest.fixture
def protected(office):
    return office.contact_points.get(is_protected=True)


def pages(client, office):
    for url in (
        reverse("contacts:index"),
        office.get_absolute_url(),
        reverse("contacts:vcard", args=[office.slug]),
        "/en/",
        "/ru/contacts/",
        "/hi/contacts/embassy/",
    ):
        response = client.get(url)
        assert response.status_code == 200
        yield url, response.content.decode()


def test_the_protected_address_is_in_no_page_in_any_disguise(client, office):
    for url, body in pages(client, office):
        lowered = body.lower()
        for disguise in disguises(SECRET):
            assert disguise.lower() not in lowered, (url, disguise)


def test_the_unprotected_address_is_a_plain_mailto_link(client, office):
    page = lxml.html.fromstring(client.get(office.get_absolute_url()).content)
    assert page.xpath("//a[@href='mailto:info@example.org']")


def test_the_button_is_a_plain_form_post_without_a_token_or_script(client, office, protected):
    response = client.get(office.get_absolute_url())
    page = lxml.html.fromstring(response.content)
    (form,) = page.xpath("//form[@class='reveal-form']")
    assert form.get("method") == "post"
    assert form.get("action") == reverse("contacts:reveal-email", args=[protected.pk])
    button = form.xpath(".//button[@type='submit']")[0]
    # The visible text and, for screen readers, which address it shows.
    assert " ".join(button.text_content().split()) == "Show e-mail address: Consular section"
    assert not form.xpath(".//input[@name='csrfmiddlewaretoken']")
    assert not response.cookies


def test_pressing_the_button_reveals_the_address_without_javascript(protected):
    client = Client(enforce_csrf_checks=True)  # as a real browser: no token
    response = client.post(reverse("contacts:reveal-email", args=[protected.pk]))
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    assert page.xpath(f"//a[@href='mailto:{SECRET}']")[0].text == SECRET
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    assert page.xpath("//meta[@name='robots' and contains(@content, 'noindex')]")
    assert not response.cookies


def test_get_shows_the_button_page_but_not_the_address(client, protected):
    response = client.get(reverse("contacts:reveal-email", args=[protected.pk]))
    assert response.status_code == 200
    assert SECRET not in response.content.decode()
    page = lxml.html.fromstring(response.content)
    assert page.xpath("//form[@method='post']//button[@type='submit']")
    assert "no-store" in response["Cache-Control"]


def test_unknown_unprotected_and_hidden_contacts_are_not_found(client, office):
    plain = office.contact_points.get(is_protected=False)
    phone = ContactPointFactory(office=office)
    hidden = ContactPointFactory(
        protected_email=True, office=OfficeFactory(is_active=False), email="x@example.org"
    )
    for pk in (999_999, plain.pk, phone.pk, hidden.pk):
        response = client.post(reverse("contacts:reveal-email", args=[pk]))
        assert response.status_code == 404
        assert b"example.org" not in response.content


def test_other_methods_are_refused(client, protected):
    url = reverse("contacts:reveal-email", args=[protected.pk])
    assert client.put(url).status_code == 405
    assert client.delete(url).status_code == 405


def test_reveals_are_limited_per_client_address(protected, monkeypatch):
    monkeypatch.setattr(views, "REVEAL_LIMIT", 3)
    url = reverse("contacts:reveal-email", args=[protected.pk])
    visitor = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(3):
        assert visitor.post(url).status_code == 200
    response = visitor.post(url)
    assert response.status_code == 429
    assert response["Retry-After"] == str(views.REVEAL_WINDOW_SECONDS)
    body = response.content.decode()
    assert SECRET not in body
    assert "Please wait 10 minutes" in body
    # Failed look-ups count as well, so ids cannot be walked through.
    assert visitor.post(reverse("contacts:reveal-email", args=[999])).status_code == 429
    # Another visitor is not affected.
    assert Client(REMOTE_ADDR="198.51.100.2").post(url).status_code == 200


def test_ipv6_clients_are_limited_per_64_network(protected, monkeypatch):
    # A home or cloud subscriber holds a whole /64 and can pick a new
    # address for every request.
    monkeypatch.setattr(views, "REVEAL_LIMIT", 2)
    url = reverse("contacts:reveal-email", args=[protected.pk])
    statuses = [
        Client(REMOTE_ADDR=f"2001:db8:1:2::{n:x}").post(url).status_code for n in range(1, 4)
    ]
    assert statuses == [200, 200, 429]
    assert Client(REMOTE_ADDR="2001:db8:1:3::1").post(url).status_code == 200


def test_without_the_proxy_setting_x_forwarded_for_is_ignored(settings, protected, monkeypatch):
    settings.TRUSTED_PROXY_COUNT = 0
    monkeypatch.setattr(views, "REVEAL_LIMIT", 1)
    url = reverse("contacts:reveal-email", args=[protected.pk])
    assert Client(REMOTE_ADDR="203.0.113.9").post(url).status_code == 200
    forged = Client(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.77")
    assert forged.post(url).status_code == 429


def test_the_limit_is_ten_reveals_in_ten_minutes_by_default(protected):
    url = reverse("contacts:reveal-email", args=[protected.pk])
    statuses = [Client().post(url).status_code for _ in range(11)]
    assert statuses == [200] * 10 + [429]


def test_behind_the_proxy_the_last_forwarded_address_is_the_client(settings, protected):
    settings.TRUSTED_PROXY_COUNT = 1
    url = reverse("contacts:reveal-email", args=[protected.pk])
    for _ in range(10):
        assert Client(HTTP_X_FORWARDED_FOR="203.0.113.7").post(url).status_code == 200
    # A forged left-hand address does not give a fresh allowance.
    forged = Client(HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    assert forged.post(url).status_code == 429
    assert Client(HTTP_X_FORWARDED_FOR="198.51.100.2").post(url).status_code == 200
