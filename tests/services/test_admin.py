"""Consular staff edit a service on one admin page; bad input is a form
error and nothing of the service is saved."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from history.versions import versions_of
from releases.workflow.roles import CONSULAR_OFFICER, PUBLISHER, grant_role_permissions
from services.models import Fee, RequiredDocument, Service
from tests.accounts_support import log_in_verified
from tests.contacts.factories import OfficeFactory

from .factories import ServiceFactory

pytestmark = pytest.mark.django_db

INLINES = ("documents", "fees", "questions", "forms")


def rows(prefix, *forms):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(forms)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, form in enumerate(forms):
        data.update({f"{prefix}-{index}-{key}": value for key, value in form.items()})
    return data


def service_data(office, **extra):
    data = {
        "name_en": "Passport renewal",
        "slug": "passport-renewal",
        "category": "passports",
        "order": "0",
        "is_active": "on",
        "apply_method": "appointment",
        "offices": [str(office.pk)] if office else [],
    }
    for prefix in INLINES:
        data.update(rows(prefix))
    data.update(extra)
    return data


def fee(amount="6000", valid_from="2027-03-01", variant="Adult"):
    return {"variant_en": variant, "amount": amount, "currency": "INR", "valid_from": valid_from}


def document(order, name="Passport"):
    return {"order": str(order), "name_en": name, "kind": "original"}


def post(client, data):
    return client.post(reverse("admin:services_service_add"), data)


def test_a_service_with_documents_and_fees_is_saved_from_one_page(staff_client):
    office = OfficeFactory()
    data = service_data(
        office,
        **rows("documents", document(1), document(2, "Photos")),
        **rows("fees", fee(valid_from="2026-01-01"), fee("6500", "2027-03-01")),
    )
    response = post(staff_client, data)
    assert response.status_code == 302, response.context["errors"]
    service = Service.objects.get()
    assert list(service.offices.all()) == [office]
    assert service.documents.count() == 2 and service.fees.count() == 2


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({**rows("fees", fee("-5"))}, "greater than or equal to 0"),
        ({**rows("fees", fee("99999999"))}, "less than or equal to 1000000"),
        (
            {**rows("fees", fee("6000", "2027-03-01"), fee("6500", "2027-03-01"))},
            "Please correct the duplicate data",
        ),
        (
            {**rows("documents", document(1), document(1, "Photos"))},
            "Please correct the duplicate data",
        ),
        ({"offices": []}, "This field is required"),
    ],
    ids=["negative-fee", "absurd-fee", "same-valid-from", "duplicate-order", "no-office"],
)
def test_bad_input_is_a_form_error_and_nothing_is_saved(staff_client, extra, message):
    response = post(staff_client, service_data(OfficeFactory(), **extra))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Service.objects.exists()
    assert not Fee.objects.exists() and not RequiredDocument.objects.exists()


def test_a_valid_from_already_taken_in_the_database_is_a_form_error(staff_client):
    service = ServiceFactory(slug="passport-renewal")
    Fee.objects.create(service=service, variant_en="Adult", amount=1, valid_from="2027-03-01")
    data = service_data(service.offices.get(), **rows("fees", fee()))
    data["fees-INITIAL_FORMS"] = "0"
    response = staff_client.post(reverse("admin:services_service_change", args=[service.pk]), data)
    assert response.status_code == 200
    assert "already has a fee from this date" in response.content.decode()
    assert service.fees.count() == 1


def test_the_review_list_shows_services_not_checked_for_six_months(staff_client):
    ServiceFactory(name_en="Checked lately", last_checked_on=timezone.localdate())
    ServiceFactory(name_en="Long unchecked", last_checked_on=datetime.date(2020, 1, 1))
    ServiceFactory(name_en="Never checked", last_checked_on=None)
    url = reverse("admin:services_service_changelist") + "?checked=stale"
    html = staff_client.get(url).content.decode()
    assert "Long unchecked" in html and "Never checked" in html
    assert "Checked lately" not in html


def test_each_change_is_a_revision_in_the_history(staff_client):
    office = OfficeFactory()
    post(staff_client, service_data(office))
    service = Service.objects.get()
    data = service_data(office, name_en="Renewing a passport")
    staff_client.post(reverse("admin:services_service_change", args=[service.pk]), data)
    history = staff_client.get(reverse("admin:services_service_history", args=[service.pk]))
    assert history.status_code == 200
    assert len(versions_of(service)) == 2


@pytest.mark.parametrize("role", [CONSULAR_OFFICER, PUBLISHER])
def test_consular_officers_and_publishers_edit_services(client, django_user_model, role):
    grant_role_permissions(create_groups=True)
    user = django_user_model.objects.create_user("officer", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    log_in_verified(client, user)
    office = OfficeFactory()
    response = post(client, service_data(office, **rows("fees", fee())))
    assert response.status_code == 302
    assert Service.objects.get().fees.count() == 1
    assert user.has_perm("services.delete_service") == (role == CONSULAR_OFFICER)
