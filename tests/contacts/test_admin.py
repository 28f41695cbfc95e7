"""The admin: one page per office with its lines, hours and closures, and
clear errors that save nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.models import Closure, ContactPoint, Office, OpeningHours

from .factories import ClosureFactory, ContactPointFactory, OfficeFactory, OpeningHoursFactory

pytestmark = pytest.mark.django_db

INLINES = ("contact_points", "opening_hours", "closures")


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def office_data(**fields):
    data = {
        "name_en": "Consulate General in Mumbai",
        "slug": "mumbai",
        "kind": "consulate-general",
        "address_line_1_en": "42 Marine Drive",
        "city_en": "Mumbai",
        "country_en": "India",
        "time_zone": "Asia/Kolkata",
        "order": "1",
        "is_active": "on",
    }
    for prefix in INLINES:
        data.update(management(prefix, 0))
    data.update(fields)
    return data


def rows(prefix, *forms, initial=0):
    data = management(prefix, len(forms), initial)
    for index, form in enumerate(forms):
        data.update({f"{prefix}-{index}-{key}": value for key, value in form.items()})
    return data


def slot_row(weekday, opens, closes, service="Consular reception", **extra):
    return {
        "service_en": service,
        "weekday": str(weekday),
        "opens": opens,
        "closes": closes,
        **extra,
    }


def test_the_admin_pages_render(staff_client):
    office = OfficeFactory()
    ContactPointFactory(office=office)
    OpeningHoursFactory(office=office)
    closure = ClosureFactory(office=office)
    ClosureFactory(office=None, start_date=timezone.localdate(), reason_en="Holi")
    for url in (
        reverse("admin:contacts_office_changelist"),
        reverse("admin:contacts_office_add"),
        reverse("admin:contacts_office_change", args=[office.pk]),
        reverse("admin:contacts_closure_changelist"),
        reverse("admin:contacts_closure_changelist") + "?office__isnull=True",
        reverse("admin:contacts_closure_add"),
        reverse("admin:contacts_closure_change", args=[closure.pk]),
    ):
        assert staff_client.get(url).status_code == 200, url
    change = staff_client.get(reverse("admin:contacts_office_change", args=[office.pk]))
    assert "Holi" in change.content.decode()  # closures of all offices are shown
    assert "Add a closure for all offices" in change.content.decode()


def test_an_office_with_lines_hours_and_closures_is_saved_from_one_page(staff_client):
    data = office_data(
        **rows(
            "contact_points",
            {
                "kind": "telephone",
                "label_en": "Reception",
                "phone": "022 2204 1234",
                "availability": "office-hours",
                "order": "0",
            },
            {
                "kind": "email",
                "label_en": "Visas",
                "email": "visa@example.org",
                "is_protected": "on",
                "availability": "office-hours",
                "order": "1",
            },
        ),
        **rows("opening_hours", slot_row(0, "09:00", "13:00"), slot_row(0, "13:00", "17:00")),
        **rows(
            "closures",
            {"start_date": "2027-01-26", "kind": "host-holiday", "reason_en": "Republic Day"},
        ),
    )
    response = staff_client.post(reverse("admin:contacts_office_add"), data)
    assert response.status_code == 302, response.context["errors"]
    office = Office.objects.get(slug="mumbai")
    phone = office.contact_points.get(kind="telephone")
    assert phone.phone.as_e164 == "+912222041234"
    assert office.opening_hours.count() == 2
    assert office.closures.get().reason_en == "Republic Day"


def test_an_invalid_number_shows_a_form_error_and_saves_nothing(staff_client):
    data = office_data(
        **rows(
            "contact_points",
            {
                "kind": "telephone",
                "label_en": "Reception",
                "phone": "12345",
                "availability": "office-hours",
                "order": "0",
            },
        ),
        **rows("opening_hours", slot_row(0, "09:00", "13:00")),
    )
    response = staff_client.post(reverse("admin:contacts_office_add"), data)
    assert response.status_code == 200
    assert "Enter a valid phone number" in response.content.decode()
    assert not Office.objects.exists()
    assert not ContactPoint.objects.exists()
    assert not OpeningHours.objects.exists()


def test_closing_before_opening_is_a_clear_error(staff_client):
    data = office_data(**rows("opening_hours", slot_row(0, "13:00", "09:00")))
    response = staff_client.post(reverse("admin:contacts_office_add"), data)
    assert response.status_code == 200
    assert "The closing time must be later than the opening time" in response.content.decode()
    assert not Office.objects.exists()


def test_overlapping_new_rows_are_refused_together(staff_client):
    data = office_data(
        **rows("opening_hours", slot_row(2, "09:00", "13:00"), slot_row(2, "12:00", "15:00"))
    )
    response = staff_client.post(reverse("admin:contacts_office_add"), data)
    assert response.status_code == 200
    assert "overlaps another slot of the same service" in response.content.decode()
    assert not Office.objects.exists()


def existing_slot_rows(office, *changes):
    forms = []
    for slot, (opens, closes) in zip(office.opening_hours.order_by("pk"), changes, strict=True):
        forms.append(slot_row(slot.weekday, opens, closes, id=str(slot.pk), office=str(office.pk)))
    return rows("opening_hours", *forms, initial=len(forms))


def change_data(office, **extra):
    return office_data(
        name_en=office.name_en,
        slug=office.slug,
        kind=office.kind,
        address_line_1_en=office.address_line_1_en,
        city_en=office.city_en,
        country_en=office.country_en,
        **extra,
    )


def test_slots_can_swap_times_in_one_save(staff_client):
    office = OfficeFactory()
    first = OpeningHoursFactory(office=office, opens=datetime.time(9), closes=datetime.time(12))
    second = OpeningHoursFactory(office=office, opens=datetime.time(13), closes=datetime.time(17))
    data = change_data(office, **existing_slot_rows(office, ("13:00", "17:00"), ("09:00", "12:00")))
    response = staff_client.post(reverse("admin:contacts_office_change", args=[office.pk]), data)
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.opens == datetime.time(13)
    assert second.opens == datetime.time(9)


def test_an_edit_that_creates_an_overlap_is_refused(staff_client):
    office = OfficeFactory()
    OpeningHoursFactory(office=office, opens=datetime.time(9), closes=datetime.time(12))
    OpeningHoursFactory(office=office, opens=datetime.time(13), closes=datetime.time(17))
    data = change_data(office, **existing_slot_rows(office, ("09:00", "14:00"), ("13:00", "17:00")))
    response = staff_client.post(reverse("admin:contacts_office_change", args=[office.pk]), data)
    assert response.status_code == 200
    assert "overlaps another slot" in response.content.decode()
    assert office.opening_hours.get(opens=datetime.time(9)).closes == datetime.time(12)


def test_a_holiday_for_all_offices_in_a_few_clicks(staff_client):
    OfficeFactory()
    response = staff_client.post(
        reverse("admin:contacts_closure_add"),
        {
            "office": "",
            "start_date": "2027-08-15",
            "end_date": "",
            "kind": "host-holiday",
            "reason_en": "Independence Day",
        },
    )
    assert response.status_code == 302
    closure = Closure.objects.get()
    assert closure.applies_to_all_offices
    listing = staff_client.get(reverse("admin:contacts_closure_changelist"))
    assert "All offices" in listing.content.decode()


def test_a_closure_ending_before_it_starts_is_a_clear_error(staff_client):
    response = staff_client.post(
        reverse("admin:contacts_closure_add"),
        {
            "office": "",
            "start_date": "2027-08-15",
            "end_date": "2027-08-14",
            "kind": "host-holiday",
            "reason_en": "Independence Day",
        },
    )
    assert response.status_code == 200
    assert "The last day closed cannot be before the first day" in response.content.decode()
    assert not Closure.objects.exists()
