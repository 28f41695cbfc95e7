"""factory_boy factories for the contacts app. Traits say what a test cares
about: ContactPointFactory(emergency=True), ContactPointFactory(fax=True),
ContactPointFactory(public_email=True), ContactPointFactory(protected_email=True)."""

import datetime

import factory
from django.utils.text import slugify

from contacts.models import (
    Availability,
    Closure,
    ClosureKind,
    ContactKind,
    ContactPoint,
    Office,
    OfficeKind,
    OpeningHours,
)
from services.models import Service


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    name_en = factory.Sequence(lambda n: f"Office {n}")
    slug = factory.Sequence(lambda n: f"office-{n}")
    kind = OfficeKind.EMBASSY
    address_line_1_en = "Shantipath"
    locality_en = "Chanakyapuri"
    city_en = "New Delhi"
    postal_code = "110021"
    country_en = "India"
    latitude = "28.597500"
    longitude = "77.187500"
    time_zone = "Asia/Kolkata"


class ContactPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPoint

    office = factory.SubFactory(OfficeFactory)
    kind = ContactKind.TELEPHONE
    label_en = "Switchboard"
    phone = "+91 11 2611 0640"
    order = factory.Sequence(lambda n: n)

    class Params:
        emergency = factory.Trait(
            kind=ContactKind.EMERGENCY,
            label_en="Emergency line",
            phone="+91 81 3030 0551",
            audience_en="Only for citizens of Russia in an emergency in India",
            availability=Availability.ALWAYS,
        )
        fax = factory.Trait(kind=ContactKind.FAX, label_en="Fax", phone="+91 11 2687 3799")
        public_email = factory.Trait(
            kind=ContactKind.EMAIL, label_en="General enquiries", phone="", email="info@example.org"
        )
        protected_email = factory.Trait(
            kind=ContactKind.EMAIL,
            label_en="Consular section",
            phone="",
            email="consul.secret@example.org",
            is_protected=True,
        )
        website = factory.Trait(
            kind=ContactKind.WEBSITE, label_en="Website", phone="", url="https://example.org/"
        )


def service_named(name):
    service = Service.objects.filter(name_en=name).first()
    if service is None:
        service = Service.objects.create(name_en=name, slug=slugify(name))
    return service


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    class Params:
        # The timetable's service, found or made by its English name.
        service_en = "Consular reception"

    office = factory.SubFactory(OfficeFactory)
    service = factory.LazyAttribute(lambda slot: service_named(slot.service_en))
    weekday = 0
    opens = datetime.time(9, 0)
    closes = datetime.time(13, 0)


class ClosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Closure

    office = factory.SubFactory(OfficeFactory)
    start_date = datetime.date(2027, 1, 26)
    kind = ClosureKind.HOST_HOLIDAY
    reason_en = "Republic Day"
