import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from contacts.models import Closure, ContactKind, ContactPoint, Office, OpeningHours
from demo import contacts as demo

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (Office, ContactPoint, OpeningHours, Closure)]


def test_loading_twice_changes_nothing():
    demo.load()
    first = counts()
    demo.load()
    assert counts() == first


def test_loading_again_keeps_the_offices_as_staff_left_them():
    demo.load()
    office = Office.objects.get(slug="embassy")
    office.name_en = "Embassy of Russia in New Delhi"
    office.save()
    switchboard = office.contact_points.get(phone="+911126110640")
    switchboard.phone = "+911126110699"
    switchboard.save()
    office.opening_hours.filter(weekday=4).delete()  # closed on Fridays now
    before = counts()

    demo.load()

    office.refresh_from_db()
    assert office.name_en == "Embassy of Russia in New Delhi"
    phones = set(office.contact_points.values_list("phone", flat=True))
    assert "+911126110699" in phones
    assert "+911126110640" not in phones
    assert not office.opening_hours.filter(weekday=4).exists()
    assert counts() == before


def test_the_demo_has_the_published_numbers_in_e164():
    demo.load()
    numbers = {str(p.phone) for p in ContactPoint.objects.exclude(phone="")}
    assert numbers == {
        "+911126110640",
        "+911126110641",
        "+911126110642",
        "+911126873802",
        "+911126873799",
        "+918130300551",
    }
    emergency = ContactPoint.objects.emergency().get()
    assert emergency.audience_en == "Only for citizens of Russia in an emergency in India"
    emails = ContactPoint.objects.filter(kind=ContactKind.EMAIL)
    assert {(e.email.split("@")[1], e.is_protected) for e in emails} == {
        ("example.org", True),
        ("example.org", False),
    }


@pytest.mark.parametrize("today", [datetime.date(2027, 6, 13), datetime.date(2026, 11, 27)])
def test_a_closure_always_falls_in_the_next_60_days(today):
    rows = demo._closures(today)
    assert any(today <= start <= today + datetime.timedelta(days=60) for _, start, *_ in rows)


def test_the_demo_contacts_page_in_three_languages(client, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    english = client.get("/en/contacts/").content.decode()
    assert "Shantipath" in english
    assert "tel:+918130300551" in english
    assert "Коммутатор" in client.get("/ru/contacts/embassy/").content.decode()
    hindi = client.get("/hi/contacts/").content.decode()
    assert "भारत में रूसी संघ का दूतावास" in hindi
    assert "चाणक्यपुरी" in hindi
    assert Closure.objects.filter(start_date__gte=timezone.localdate()).exists()
