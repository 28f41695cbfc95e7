"""The office form's weekly hours grid: one row per service, one cell per
day. What is typed becomes exactly those opening-hours rows; a mistake is
shown at its cell, saves nothing and keeps what was typed."""

import datetime

import pytest
from django.urls import reverse
from reversion.models import Version

from contacts.models import Office
from tests.services.factories import ServiceFactory

from .factories import OfficeFactory, OpeningHoursFactory, service_named
from .test_admin import grid, office_data, week_row

pytestmark = pytest.mark.django_db

T = datetime.time


def change_url(office):
    return reverse("admin:contacts_office_change", args=[office.pk])


def change_data(office, **extra):
    fields = {
        "name_en": office.name_en,
        "slug": office.slug,
        "kind": office.kind,
        "address_line_1_en": office.address_line_1_en,
        "city_en": office.city_en,
        "country_en": office.country_en,
        "locality_en": office.locality_en,
        "postal_code": office.postal_code,
        "latitude": str(office.latitude),
        "longitude": str(office.longitude),
        "time_zone": office.time_zone,
        "order": str(office.order),
    }
    # The time zone's default is a callable: the form sends its initial value too.
    return office_data(**{**fields, "initial-time_zone": office.time_zone, **extra})


def slots(office, service=None):
    rows = office.opening_hours.all()
    if service is not None:
        rows = rows.filter(service=service)
    return sorted((row.service.name_en, row.weekday, row.opens, row.closes) for row in rows)


def test_the_grid_has_a_row_per_service_and_a_column_per_day(staff_client):
    office = OfficeFactory()
    OpeningHoursFactory(office=office, service_en="Visas", weekday=1)
    OpeningHoursFactory(office=office, service_en="Visas", weekday=1, opens=T(14), closes=T(17))
    ServiceFactory(name_en="Notarial acts", offices=[office])  # offered, no hours yet
    page = staff_client.get(change_url(office)).content.decode()
    assert '<th scope="col" id="opening_hours-day-0">Monday</th>' in page
    assert '<th scope="col" id="opening_hours-day-6">Sunday</th>' in page
    assert ">\n09:00–13:00, 14:00–17:00</textarea>" in page
    assert "Notarial acts" in page
    # Each cell is named by its service and its day.
    assert 'aria-labelledby="opening_hours-0-name opening_hours-day-1"' in page
    assert "India time, UTC+5:30" in page  # the hours are the office's local time
    assert 'name="opening_hours-2-service"' in page  # the row to add a service
    assert 'name="opening_hours-3-service"' not in page


def test_saving_the_grid_creates_exactly_the_rows_typed(staff_client):
    visas = service_named("Visas")
    data = office_data(
        **grid(
            week_row(mon="9:00-13:00, 14:00 – 17:00", wed="0900—1200"),
            week_row(visas, fri="15.00-16.30"),
            week_row(service=""),  # an empty row to add a service: ignored
        )
    )
    data["opening_hours-2-service"] = ""
    response = staff_client.post(reverse("admin:contacts_office_add"), data)
    assert response.status_code == 302, response.context["errors"]
    office = Office.objects.get(slug="mumbai")
    assert slots(office) == [
        ("Consular reception", 0, T(9), T(13)),
        ("Consular reception", 0, T(14), T(17)),
        ("Consular reception", 2, T(9), T(12)),
        ("Visas", 4, T(15), T(16, 30)),
    ]
    # The hours come back as the grid writes them.
    page = staff_client.get(change_url(office)).content.decode()
    assert ">\n09:00–13:00, 14:00–17:00</textarea>" in page
    assert ">\n15:00–16:30</textarea>" in page


def current_rows(office, *services, **edits):
    """The grid's rows for `services` as they stand, with `edits`
    ({service name: {day: text}}) applied, and an empty new row."""
    forms = []
    for service in services:
        days = {}
        for row in office.opening_hours.filter(service=service).order_by("opens"):
            day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[row.weekday]
            text = f"{row.opens:%H:%M}–{row.closes:%H:%M}"
            days[day] = f"{days[day]}, {text}" if day in days else text
        days.update(edits.get(service.name_en, {}))
        forms.append(week_row(service, **days))
    forms.append({**week_row(service_named("Consular reception")), "service": ""})
    return grid(*forms, initial=len(services))


@pytest.fixture
def office_with_hours():
    office = OfficeFactory()
    for weekday in range(5):
        OpeningHoursFactory(office=office, service_en="Visas", weekday=weekday)
    OpeningHoursFactory(office=office, service_en="Passports", weekday=1, opens=T(14), closes=T(16))
    return office


def test_editing_one_cell_changes_only_that(staff_client, office_with_hours):
    office = office_with_hours
    visas, passports = service_named("Visas"), service_named("Passports")
    before = {row.pk: (row.weekday, row.opens, row.closes) for row in office.opening_hours.all()}
    data = change_data(office, **current_rows(office, visas, passports, Visas={"wed": "10-12"}))
    response = staff_client.post(change_url(office), data)
    assert response.status_code == 302, response.context["errors"]
    after = {row.pk: (row.weekday, row.opens, row.closes) for row in office.opening_hours.all()}
    changed = {pk for pk in before if before[pk] != after.get(pk)}
    assert len(changed) == 1
    assert after[changed.pop()] == (2, T(10), T(12))
    assert set(after) == set(before)  # no row added or removed
    # The office's history has a new version, with the new hours.
    latest = Version.objects.get_for_object(office).first()
    assert latest is not None
    hours = [v for v in latest.revision.version_set.all() if v.object_repr.startswith("Visas")]
    assert any("Wednesday 10:00–12:00" in v.object_repr for v in hours)


def test_sending_the_grid_unchanged_writes_nothing(staff_client, office_with_hours):
    office = office_with_hours
    visas, passports = service_named("Visas"), service_named("Passports")
    versions = Version.objects.get_for_object(office).count()
    # Typed differently, meaning the same: "9-13" for "09:00–13:00".
    data = change_data(office, **current_rows(office, visas, passports, Visas={"mon": "9-13"}))
    response = staff_client.post(change_url(office), data)
    assert response.status_code == 302, response.context["errors"]
    assert Version.objects.get_for_object(office).count() == versions


def test_clearing_a_row_removes_that_services_hours(staff_client, office_with_hours):
    office = office_with_hours
    visas, passports = service_named("Visas"), service_named("Passports")
    cleared = dict.fromkeys(("mon", "tue", "wed", "thu", "fri"), "")
    data = change_data(office, **current_rows(office, visas, passports, Visas=cleared))
    response = staff_client.post(change_url(office), data)
    assert response.status_code == 302, response.context["errors"]
    assert slots(office) == [("Passports", 1, T(14), T(16))]


def test_a_service_is_added_in_the_empty_row(staff_client, office_with_hours):
    office = office_with_hours
    visas, passports = service_named("Visas"), service_named("Passports")
    notarial = ServiceFactory(name_en="Notarial acts", is_active=False)
    data = change_data(office, **current_rows(office, visas, passports))
    data.update({"opening_hours-2-service": str(notarial.pk), "opening_hours-2-day_5": "10-12"})
    response = staff_client.post(change_url(office), data)
    assert response.status_code == 302, response.context["errors"]
    assert slots(office, notarial) == [("Notarial acts", 5, T(10), T(12))]
    assert len(slots(office)) == 7


BAD_CELLS = [
    ("25:00-26:00", '"25:00" is not a time'),
    ("9:75-13:00", '"9:75" is not a time'),
    ("09:00", '"09:00" is not a slot'),
    ("from nine", '"from nine" is not a slot'),
    ("13:00-09:00", "the office closes before it opens"),
    ("09:00-13:00, 12:00-15:00", "09:00–13:00 and 12:00–15:00 overlap"),
    ("22:00-02:00", "runs past midnight"),
    ("18:00-24:00", "runs past midnight"),
]


@pytest.mark.parametrize(("typed", "message"), BAD_CELLS)
def test_a_bad_cell_is_an_error_at_the_cell_and_saves_nothing(
    staff_client, office_with_hours, typed, message
):
    office = office_with_hours
    visas, passports = service_named("Visas"), service_named("Passports")
    before = slots(office)
    edits = {"Visas": {"wed": typed, "thu": "10-11"}, "Passports": {"sat": "10-12"}}
    data = change_data(office, name_en="Renamed", **current_rows(office, visas, passports, **edits))
    response = staff_client.post(change_url(office), data)
    assert response.status_code == 200
    page = response.content.decode()
    error = response.context["inline_admin_formsets"][1].formset.forms[0].errors["day_2"]
    assert message in " ".join(error)
    # The message is at the cell, which points to it for screen readers.
    assert 'id="id_opening_hours-0-day_2_error"' in page
    assert 'aria-describedby="id_opening_hours-0-day_2_error"' in page
    assert 'aria-invalid="true"' in page
    # Everything typed comes back, the mistake too.
    assert f">\n{typed}</textarea>" in page.replace("&quot;", '"')
    assert ">\n10-11</textarea>" in page
    assert ">\n10-12</textarea>" in page
    # Nothing was saved: neither the hours nor the office's other fields.
    assert slots(office) == before
    office.refresh_from_db()
    assert office.name_en != "Renamed"


def test_hours_without_a_service_are_an_error(staff_client):
    data = office_data(**grid({**week_row(mon="09:00-13:00"), "service": ""}))
    response = staff_client.post(reverse("admin:contacts_office_add"), data)
    assert response.status_code == 200
    assert "Choose the service these hours are for." in response.content.decode()
    assert not Office.objects.exists()


def test_a_service_picked_without_hours_is_an_error(staff_client):
    data = office_data(**grid(week_row()))
    response = staff_client.post(reverse("admin:contacts_office_add"), data)
    assert response.status_code == 200
    assert "Type the hours of at least one day" in response.content.decode()
    assert not Office.objects.exists()


def test_a_service_added_twice_is_an_error(staff_client, office_with_hours):
    office = office_with_hours
    visas, passports = service_named("Visas"), service_named("Passports")
    data = change_data(office, **current_rows(office, visas, passports))
    data.update({"opening_hours-2-service": str(visas.pk), "opening_hours-2-day_5": "10-12"})
    response = staff_client.post(change_url(office), data)
    assert response.status_code == 200
    assert "This service has a row already" in response.content.decode()
    assert not office.opening_hours.filter(weekday=5).exists()


def test_the_public_contacts_page_shows_the_new_hours(staff_client, client, office_with_hours):
    office = office_with_hours
    visas, passports = service_named("Visas"), service_named("Passports")
    edits = {"Visas": {"sat": "10:00-12:30"}}
    data = change_data(office, **current_rows(office, visas, passports, **edits))
    response = staff_client.post(change_url(office), data)
    assert response.status_code == 302, response.context["errors"]
    for path in (reverse("contacts:index"), office.get_absolute_url()):
        page = client.get(path).content.decode()
        assert "10:00–12:30" in page, path


def test_a_view_only_officer_sees_the_grid_without_inputs_to_change(client, django_user_model):
    from django.contrib.auth.models import Permission

    from tests.accounts_support import log_in_verified

    office = OfficeFactory()
    OpeningHoursFactory(office=office)
    user = django_user_model.objects.create_user("viewer", password="pw-for-tests", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_office", "view_openinghours"])
    )
    log_in_verified(client, user)
    page = client.get(change_url(office)).content.decode()
    assert "09:00–13:00" in page
    assert ">\n09:00–13:00</textarea>" in page
    assert 'disabled id="id_opening_hours-0-day_0">' in page
    assert 'name="opening_hours-1-service"' not in page  # no row to add a service


@pytest.mark.parametrize(
    ("language", "heading", "mistake"),
    [
        ("ru", "Часы работы по дням недели", "«22:00-02:00» заходит за полночь."),
        ("hi", "साप्ताहिक कार्य-समय", "“22:00-02:00” आधी रात के पार जाता है।"),
    ],
)
def test_the_grid_speaks_the_staff_language(
    staff_client, office_with_hours, language, heading, mistake
):
    office = office_with_hours
    visas, passports = service_named("Visas"), service_named("Passports")
    data = change_data(
        office, **current_rows(office, visas, passports, Visas={"sat": "22:00-02:00"})
    )
    response = staff_client.post(change_url(office), data, HTTP_ACCEPT_LANGUAGE=language)
    page = response.content.decode()
    assert heading in page
    assert mistake in page


def test_a_new_service_with_a_mistyped_day_is_told_of_the_mistake_only(staff_client):
    data = office_data(**grid(week_row(tue="9-25")))
    response = staff_client.post(reverse("admin:contacts_office_add"), data)
    page = response.content.decode()
    assert '"25" is not a time' in page.replace("&quot;", '"')
    assert "Type the hours of at least one day" not in page
    assert not Office.objects.exists()
