import datetime
from decimal import Decimal

import factory

from services.models import Fee, RequiredDocument, Service
from tests.contacts.factories import OfficeFactory


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True  # the hook adds offices, which needs no save

    name_en = factory.Sequence(lambda n: f"Passport renewal {n}")
    slug = factory.Sequence(lambda n: f"passport-renewal-{n}")
    category = "passports"
    summary_en = "A new passport for travel abroad."
    last_checked_on = datetime.date(2026, 11, 1)

    @factory.post_generation
    def offices(self, create, extracted, **kwargs):
        if create:
            self.offices.add(*(extracted if extracted is not None else [OfficeFactory()]))


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequiredDocument

    service = factory.SubFactory(ServiceFactory)
    order = factory.Sequence(lambda n: n + 1)
    name_en = "Current passport"


class FeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fee

    service = factory.SubFactory(ServiceFactory)
    variant_en = "Adult"
    amount = Decimal("6000")
    currency = "INR"
    valid_from = datetime.date(2026, 1, 1)
