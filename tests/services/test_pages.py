"""The public pages: the list by category with search, a service's page with
its checklist, fees now and scheduled, and where and when to go."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from services.fees import fee_lines
from services.schedule import next_change
from tests.contacts.factories import OpeningHoursFactory

from .factories import DocumentFactory, FeeFactory, ServiceFactory

pytestmark = pytest.mark.django_db

# A Monday, 10:00 in New Delhi.
MONDAY_MORNING = datetime.datetime(2027, 2, 1, 4, 30, tzinfo=datetime.UTC)


def jsonld(html):
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


def test_the_list_groups_services_by_category_and_hides_inactive_ones(client):
    ServiceFactory(name_en="Passport renewal", category="passports")
    ServiceFactory(name_en="Birth registration", category="civil-registration")
    ServiceFactory(name_en="Hidden service", is_active=False)
    html = client.get(reverse("services:index")).content.decode()
    assert html.index("Passports and travel documents") < html.index("Passport renewal")
    assert html.index("Civil registration") < html.index("Birth registration")
    assert "Hidden service" not in html


def test_searching_finds_a_service_by_a_word_of_its_documents(client):
    service = ServiceFactory(name_en="Passport renewal")
    DocumentFactory(service=service, name_en="Indian residence permit")
    ServiceFactory(name_en="Birth registration")
    html = client.get(reverse("services:index"), {"q": "Residence"}).content.decode()
    assert "Passport renewal" in html
    assert "Birth registration" not in html


def test_the_site_search_lists_matching_services(client):
    ServiceFactory(name_en="Power of attorney")
    html = client.get(reverse("releases:search"), {"q": "attorney"}).content.decode()
    assert "Power of attorney" in html


def test_a_service_page_shows_documents_fees_and_when_the_office_opens(client, clock):
    clock.now = MONDAY_MORNING
    service = ServiceFactory(name_en="Passport renewal", processing_days=60)
    DocumentFactory(service=service, order=2, name_en="Two photographs")
    DocumentFactory(service=service, order=1, name_en="Current passport")
    FeeFactory(service=service, amount=5000, valid_from=datetime.date(2025, 1, 1))
    FeeFactory(service=service, amount=6000, valid_from=datetime.date(2026, 1, 1))
    FeeFactory(service=service, amount=6500, valid_from=datetime.date(2027, 3, 1))
    office = service.offices.get()
    OpeningHoursFactory(
        office=office,
        service=service,
        weekday=0,
        opens=datetime.time(9, 0),
        closes=datetime.time(12, 0),
    )
    OpeningHoursFactory(
        office=office,
        service_en="Visa documents",
        weekday=0,
        opens=datetime.time(15, 0),
        closes=datetime.time(16, 0),
    )
    html = client.get(service.get_absolute_url()).content.decode()
    assert html.index("Current passport") < html.index("Two photographs")
    assert "6,000 INR" in html
    assert "5,000" not in html  # history is kept, not shown
    assert "from 1 March 2027:" in html and "6,500 INR" in html
    assert "60 working days" in html
    assert "Open now" in html and "closes at 12:00" in html
    assert "15:00" not in html  # another service's hours
    data = jsonld(html)
    assert data["@type"] == "GovernmentService"
    assert data["provider"]["@type"] == "GovernmentOrganization"
    assert data["areaServed"]
    assert data["availableChannel"][0]["hoursAvailable"][0]["opens"] == "09:00"


def test_closed_now_says_when_the_office_opens_in_its_own_time_zone(client, clock):
    clock.now = datetime.datetime(2027, 2, 6, 6, 0, tzinfo=datetime.UTC)  # Saturday
    service = ServiceFactory()
    OpeningHoursFactory(office=service.offices.get(), service=service, weekday=0)
    html = client.get(service.get_absolute_url()).content.decode()
    assert "opens on Monday at 09:00" in html


def test_a_page_in_russian_marks_the_english_fallback(client):
    service = ServiceFactory(name_en="Passport renewal", name_ru=None)
    with translation.override("ru"):
        url = service.get_absolute_url()
    html = client.get(url).content.decode()
    assert '<h1 id="service-title" lang="en">Passport renewal</h1>' in html


def test_hostile_text_is_escaped_on_the_page_and_in_json_ld(client):
    hostile = '</script><script>alert(1)</script>"<b>'
    service = ServiceFactory(name_en=hostile, summary_en=hostile)
    DocumentFactory(service=service, name_en=hostile, note_en=hostile)
    FeeFactory(service=service, variant_en=hostile, how_to_pay_en=hostile)
    html = client.get(service.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert "<b>" not in html
    assert jsonld(html)["name"] == hostile
    listing = client.get(reverse("services:index")).content.decode()
    assert "<script>alert(1)" not in listing


def test_an_inactive_service_has_no_page(client):
    service = ServiceFactory(is_active=False)
    assert client.get(service.get_absolute_url()).status_code == 404


def test_services_are_in_the_sitemap_with_alternates(client):
    service = ServiceFactory(slug="passport-renewal")
    xml = client.get("/sitemap-services.xml").content.decode()
    assert "/en/services/passport-renewal/" in xml
    assert 'hreflang="ru" href="http://testserver/ru/services/passport-renewal/"' in xml
    assert service.slug in xml


def test_the_current_fee_is_the_latest_started_and_the_next_one_is_scheduled():
    today = datetime.date(2027, 2, 1)
    old = FeeFactory.build(variant_en="Adult", valid_from=datetime.date(2025, 1, 1))
    current = FeeFactory.build(variant_en="Adult", valid_from=datetime.date(2026, 1, 1))
    later = FeeFactory.build(variant_en="Adult", valid_from=datetime.date(2028, 1, 1))
    soon = FeeFactory.build(variant_en="adult ", valid_from=datetime.date(2027, 3, 1))
    child = FeeFactory.build(variant_en="Child", valid_from=datetime.date(2027, 5, 1))
    adult, only_child = fee_lines([old, current, later, soon, child], today)
    assert (adult.current, adult.scheduled) == (current, soon)
    assert (only_child.current, only_child.scheduled) == (None, child)


def test_the_page_cache_learns_when_a_scheduled_fee_starts(settings):
    FeeFactory(valid_from=datetime.date(2026, 1, 1))
    FeeFactory(valid_from=datetime.date(2027, 3, 1))
    now = datetime.datetime(2027, 2, 1, tzinfo=datetime.UTC)
    change = next_change(now)
    assert change.date() == datetime.date(2027, 3, 1)
    assert change.utcoffset() == datetime.timedelta(hours=5, minutes=30)
    assert next_change(datetime.datetime(2027, 3, 2, tzinfo=datetime.UTC)) is None


def test_the_office_page_links_a_timetable_to_its_service_page(client):
    service = ServiceFactory(name_en="Passport renewal", slug="passport-renewal")
    hidden = ServiceFactory(name_en="Consular reception", is_active=False)
    office = service.offices.get()
    OpeningHoursFactory(office=office, service=service)
    OpeningHoursFactory(office=office, service=hidden, weekday=1)
    html = client.get(office.get_absolute_url()).content.decode()
    assert '<a href="/en/services/passport-renewal/">Passport renewal</a>' in html
    assert "Consular reception" in html
    assert 'href="/en/services/' + hidden.slug not in html
