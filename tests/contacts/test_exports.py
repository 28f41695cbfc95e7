"""The vCard and the JSON-LD, read back with real parsers."""

import datetime
import json

import lxml.html
import pytest
import vobject
from django.urls import reverse
from django.utils import timezone

from .factories import ClosureFactory, ContactPointFactory, OfficeFactory, OpeningHoursFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    office = OfficeFactory(
        slug="embassy",
        name_en="Embassy of the Russian Federation in India",
        name_ru="Посольство Российской Федерации в Республике Индия",
    )
    ContactPointFactory(office=office, phone="+91 11 2611 0640", label_en="Switchboard")
    ContactPointFactory(office=office, fax=True)
    ContactPointFactory(office=office, emergency=True)
    ContactPointFactory(office=office, public_email=True, email="info@example.org")
    ContactPointFactory(office=office, protected_email=True, email="consul.secret@example.org")
    ContactPointFactory(office=office, website=True, url="https://example.org/embassy/")
    OpeningHoursFactory(office=office, weekday=0)
    OpeningHoursFactory(
        office=office,
        weekday=0,
        service_en="Telephone enquiries",
        opens=datetime.time(14),
        closes=datetime.time(17),
    )
    return office


def read_vcard(client, office, language="en"):
    response = client.get(f"/{language}/contacts/{office.slug}/vcard/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{office.slug}.vcf"'
    return vobject.readOne(response.content.decode())


def test_the_vcard_has_the_organisation_address_and_position(client, office):
    card = read_vcard(client, office)
    assert card.version.value == "3.0"
    assert card.fn.value == "Embassy of the Russian Federation in India"
    assert card.org.value == ["Embassy of the Russian Federation in India"]
    address = card.adr.value
    assert address.street == "Shantipath, Chanakyapuri"
    assert address.city == "New Delhi"
    assert address.code == "110021"
    assert address.country == "India"
    assert card.geo.value == "28.5975;77.1875"


def test_the_vcard_has_every_kind_of_telephone_with_its_type(client, office):
    card = read_vcard(client, office)
    numbers = {tel.value: tel.params["TYPE"] for tel in card.tel_list}
    assert numbers == {
        "+911126110640": ["WORK", "VOICE"],
        "+911126873799": ["WORK", "FAX"],
        "+918130300551": ["WORK", "VOICE", "X-EMERGENCY"],
    }
    labels = {tel.value: tel.group for tel in card.tel_list}
    named = {line.group: line.value for line in card.contents["x-ablabel"]}
    assert named[labels["+918130300551"]] == "Emergency line"
    assert "Only for citizens of Russia in an emergency in India" in card.note.value


def test_the_vcard_has_the_public_email_and_urls_but_not_the_protected_email(client, office):
    card = read_vcard(client, office)
    assert [email.value for email in card.email_list] == ["info@example.org"]
    assert "secret" not in card.serialize()
    urls = [url.value for url in card.url_list]
    assert urls == ["http://testserver/en/contacts/embassy/", "https://example.org/embassy/"]


def test_the_vcard_follows_the_language_of_the_address(client, office):
    card = read_vcard(client, office, language="ru")
    assert card.fn.value == "Посольство Российской Федерации в Республике Индия"


def test_an_office_without_coordinates_has_no_geo(client):
    office = OfficeFactory(latitude=None, longitude=None)
    assert "geo" not in read_vcard(client, office).contents


def jsonld_blocks(response):
    page = lxml.html.fromstring(response.content.decode())
    return [json.loads(s.text) for s in page.xpath("//script[@type='application/ld+json']")]


def test_the_office_page_describes_the_office_in_json_ld(client, office):
    ClosureFactory(office=None, start_date=timezone.localdate(), reason_en="Republic Day")
    (data,) = jsonld_blocks(client.get(office.get_absolute_url()))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentOffice"
    assert data["name"] == "Embassy of the Russian Federation in India"
    assert data["url"] == "http://testserver/en/contacts/embassy/"
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Shantipath",
        "addressLocality": "Chanakyapuri, New Delhi",
        "postalCode": "110021",
        "addressCountry": "India",
    }
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 28.5975, "longitude": 77.1875}
    assert data["telephone"] == "+911126110640"
    assert data["faxNumber"] == "+911126873799"
    assert data["email"] == "info@example.org"
    assert data["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "name": "Consular reception",
            "dayOfWeek": "https://schema.org/Monday",
            "opens": "09:00",
            "closes": "13:00",
        },
        {
            "@type": "OpeningHoursSpecification",
            "name": "Telephone enquiries",
            "dayOfWeek": "https://schema.org/Monday",
            "opens": "14:00",
            "closes": "17:00",
        },
    ]
    (closed,) = data["specialOpeningHoursSpecification"]
    assert closed["name"] == "Republic Day"
    assert closed["opens"] == closed["closes"] == "00:00"
    emergency = next(p for p in data["contactPoint"] if p["contactType"] == "emergency")
    assert emergency["telephone"] == "+918130300551"
    assert "Only for citizens of Russia" in emergency["description"]
    assert "secret" not in json.dumps(data)


def test_the_index_has_one_json_ld_block_per_office(client, office):
    OfficeFactory(name_en="Consulate General in Mumbai")
    blocks = jsonld_blocks(client.get(reverse("contacts:index")))
    assert sorted(b["name"] for b in blocks) == [
        "Consulate General in Mumbai",
        "Embassy of the Russian Federation in India",
    ]


def test_text_that_looks_like_markup_cannot_break_out_of_the_json_ld(client):
    office = OfficeFactory(name_en="A </script><script>alert(1)</script> & <!-- office")
    response = client.get(office.get_absolute_url())
    body = response.content.decode()
    assert "</script><script>alert(1)" not in body
    (data,) = jsonld_blocks(response)
    assert data["name"] == "A </script><script>alert(1)</script> & <!-- office"
