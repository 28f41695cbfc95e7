"""The admin: one page per office with its lines, hours and closures, and
clear errors that save nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.models import Closure, ContactPoint, Office, OpeningHours

from .factories import (
    ClosureFactory,
    ContactPointFactory,
    OfficeFactory,
    OpeningHoursFactory,
    service_named,
)

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


DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def week_row(service="Consular reception", **days):
    """One row of the weekly hours grid: a service and the text of its cells,
    by day (mon="09:00–13:00, 14:00–17:00"); the other days are empty."""
    service = service if hasattr(service, "pk") else service_named(service)
    row = {"service": str(service.pk)}
    row.update({f"day_{n}": days.get(day, "") for n, day in enumerate(DAYS)})
    return row


def grid(*week_rows, initial=0):
    """The grid as the form sends it: `initial` rows already on the page, then
    the new one(s)."""
    return rows("opening_hours", *week_rows, initial=initial)


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
        **grid(week_row(mon="09:00–13:00, 13:00–17:00")),
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
        **grid(week_row(mon="09:00–13:00")),
    )
    response = staff_client.post(reverse("admin:contacts_office_add"), data)
    assert response.status_code == 200
    assert "Enter a valid phone number" in response.content.decode()
    assert ">\n09:00–13:00</textarea>" in response.content.decode()  # the hours typed come back
    assert not Office.objects.exists()
    assert not ContactPoint.objects.exists()
    assert not OpeningHours.objects.exists()


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
