import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from contacts.models import ContactKind, ContactPoint, Office, OpeningHours

from .factories import (
    ClosureFactory,
    ContactPointFactory,
    OfficeFactory,
    OpeningHoursFactory,
    service_named,
)

pytestmark = pytest.mark.django_db


class ContactPointForm(forms.ModelForm):
    class Meta:
        model = ContactPoint
        fields = ["office", "kind", "label_en", "phone", "email", "url", "is_protected"]


def form_data(office, **overrides):
    data = {"office": office.pk, "kind": ContactKind.TELEPHONE, "label_en": "Switchboard"}
    return {**data, **overrides}


@pytest.mark.parametrize(
    "typed",
    ["+91 11 2687 3802", "(91-11) 2687 38 02", "011 2687 3802", "+91-11-2687-3802", "01126873802"],
)
def test_numbers_are_stored_in_e164_however_they_are_typed(typed):
    office = OfficeFactory()
    form = ContactPointForm(form_data(office, phone=typed))
    assert form.is_valid(), form.errors
    point = form.save()
    point.refresh_from_db()
    assert ContactPoint.objects.filter(phone="+911126873802").get() == point
    assert point.phone.as_e164 == "+911126873802"
    assert point.display_value == "+91 11 2687 3802"
    assert point.tel_href == "tel:+911126873802"


def test_a_number_without_country_code_is_read_as_indian_and_foreign_numbers_keep_theirs():
    office = OfficeFactory()
    moscow = ContactPointForm(form_data(office, phone="+7 495 244-16-06"))
    assert moscow.is_valid(), moscow.errors
    assert moscow.save().phone.as_e164 == "+74952441606"


@pytest.mark.parametrize("typed", ["12345", "+91 11 2687", "not a number", "+999 1234 5678"])
def test_bad_numbers_are_refused_with_a_form_error(typed):
    office = OfficeFactory()
    form = ContactPointForm(form_data(office, phone=typed))
    assert not form.is_valid()
    assert "phone" in form.errors
    assert ContactPoint.objects.count() == 0


def test_full_clean_rejects_an_invalid_number_too():
    point = ContactPointFactory.build(office=OfficeFactory(), phone="12345")
    with pytest.raises(ValidationError) as error:
        point.full_clean()
    assert "phone" in error.value.message_dict


def test_a_telephone_needs_a_number_and_no_email():
    office = OfficeFactory()
    form = ContactPointForm(form_data(office, phone="", email="a@example.org"))
    assert not form.is_valid()
    assert "phone" in form.errors
    assert "email" in form.errors


def test_an_email_contact_validates_the_address():
    office = OfficeFactory()
    form = ContactPointForm(form_data(office, kind=ContactKind.EMAIL, email="not-an-address"))
    assert not form.is_valid()
    assert "email" in form.errors


def test_a_website_needs_a_valid_url():
    office = OfficeFactory()
    form = ContactPointForm(form_data(office, kind=ContactKind.WEBSITE, url="javascript:alert(1)"))
    assert not form.is_valid()
    assert "url" in form.errors


def test_only_email_can_be_protected():
    office = OfficeFactory()
    form = ContactPointForm(form_data(office, phone="+91 11 2611 0640", is_protected=True))
    assert not form.is_valid()
    assert "is_protected" in form.errors


def test_the_database_refuses_a_value_that_does_not_match_the_kind():
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactPointFactory(kind=ContactKind.EMAIL, phone="+91 11 2611 0640", email="")


def test_the_database_refuses_a_protected_telephone():
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactPointFactory(is_protected=True)


def test_closing_before_opening_is_refused_by_the_database_and_by_validation():
    office = OfficeFactory()
    slot = OpeningHours(
        office=office,
        service=service_named("Consular reception"),
        weekday=0,
        opens=datetime.time(13, 0),
        closes=datetime.time(9, 0),
    )
    with pytest.raises(ValidationError) as error:
        slot.full_clean()
    assert "later than the opening time" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        slot.save()


def test_an_overlapping_slot_of_the_same_service_is_refused():
    existing = OpeningHoursFactory(opens=datetime.time(9), closes=datetime.time(13))
    slot = OpeningHours(
        office=existing.office,
        service=existing.service,
        weekday=existing.weekday,
        opens=datetime.time(12),
        closes=datetime.time(14),
    )
    with pytest.raises(ValidationError) as error:
        slot.full_clean()
    assert "overlaps" in str(error.value)


def test_adjoining_slots_and_other_services_are_allowed():
    existing = OpeningHoursFactory(opens=datetime.time(9), closes=datetime.time(13))
    for service, opens in (("Consular reception", 13), ("Telephone enquiries", 9)):
        OpeningHours(
            office=existing.office,
            service=service_named(service),
            weekday=existing.weekday,
            opens=datetime.time(opens),
            closes=datetime.time(opens + 3),
        ).full_clean()


def test_editing_a_slot_does_not_collide_with_itself():
    slot = OpeningHoursFactory()
    slot.closes = datetime.time(14)
    slot.full_clean()


def test_a_closure_cannot_end_before_it_starts():
    closure = ClosureFactory.build(
        office=OfficeFactory(),
        start_date=datetime.date(2027, 1, 26),
        end_date=datetime.date(2027, 1, 25),
    )
    with pytest.raises(ValidationError) as error:
        closure.full_clean()
    assert "cannot be before the first day" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        closure.save()


def test_a_closure_without_an_office_applies_to_all_offices():
    closure = ClosureFactory(office=None)
    closure.full_clean()
    assert closure.applies_to_all_offices
    assert "all offices" in str(closure)


@pytest.mark.parametrize("zone", ["Mars/Olympus", "asia/kolkata", "Asia", "../etc/passwd", ""])
def test_unknown_time_zones_are_refused(zone):
    office = OfficeFactory.build(time_zone=zone)
    with pytest.raises(ValidationError) as error:
        office.full_clean()
    assert "time_zone" in error.value.message_dict


def test_the_default_time_zone_is_the_missions(settings):
    assert Office().time_zone == settings.TIME_ZONE


def test_coordinates_go_together():
    office = OfficeFactory.build(latitude="28.5975", longitude=None)
    with pytest.raises(ValidationError):
        office.full_clean()


def test_latitude_out_of_range_is_refused():
    office = OfficeFactory.build(latitude="91", longitude="77")
    with pytest.raises(ValidationError) as error:
        office.full_clean()
    assert "latitude" in error.value.message_dict


def test_map_link_points_to_openstreetmap_at_the_coordinates():
    office = OfficeFactory(latitude="28.597500", longitude="77.187500")
    assert office.map_url == (
        "https://www.openstreetmap.org/?mlat=28.5975&mlon=77.1875#map=17/28.5975/77.1875"
    )
    assert OfficeFactory(latitude=None, longitude=None).map_url == ""


def test_active_offices_only():
    shown = OfficeFactory()
    OfficeFactory(is_active=False)
    assert list(Office.objects.active()) == [shown]


def test_emergency_lines_of_hidden_offices_are_not_listed():
    shown = ContactPointFactory(emergency=True)
    ContactPointFactory(emergency=True, office=OfficeFactory(is_active=False))
    ContactPointFactory()
    assert list(ContactPoint.objects.emergency()) == [shown]
