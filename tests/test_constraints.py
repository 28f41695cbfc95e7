"""Every database constraint of every model is also checked by full_clean(),
so a form shows its message instead of the database refusing the save.
The constraints are read from each model's _meta: a new one fails here until
it has a message, a code and a violating example below."""

import datetime

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from contacts.models import Closure, ContactPoint, OpeningHours
from notices.models import Delivery
from releases.models import (
    AuditEntry,
    EventParticipant,
    PendingRevision,
    PublicationStatus,
    ReleaseSpeaker,
)
from tests.contacts.factories import ContactPointFactory, OfficeFactory, OpeningHoursFactory
from tests.factories import (
    EventFactory,
    EventParticipantFactory,
    NoticeFactory,
    ReleaseFactory,
    SpeakerFactory,
)
from tests.services.factories import DocumentFactory, FeeFactory, ServiceFactory

pytestmark = pytest.mark.django_db

APPS = ["releases", "contacts", "notices", "services"]
# Written by code alone, never through a form: their constraints guard against
# a race (two workers sending one e-mail), and the worker handles the refusal.
MACHINE_WRITTEN = {Delivery}
HOUR = datetime.timedelta(hours=1)


def publishable_examples(factory):
    name = factory._meta.model._meta.model_name
    now = timezone.now()
    return {
        f"{name}_unpublish_after_publish": lambda: factory.build(
            published_at=now, unpublish_at=now - HOUR
        ),
        # "Published" without a time means now (clean() fills it in); withdrawn does not.
        f"{name}_published_has_time": lambda: factory.build(
            status=PublicationStatus.WITHDRAWN, published_at=None
        ),
    }


def duplicate_release():
    ReleaseFactory(slug="taken", date=datetime.date(2018, 2, 16))
    return ReleaseFactory.build(slug="taken", date=datetime.date(2018, 2, 16))


def duplicate_participant():
    first = EventParticipantFactory()
    return EventParticipant(event=first.event, speaker=first.speaker)


def duplicate_release_speaker():
    release, speaker = ReleaseFactory(), SpeakerFactory()
    ReleaseSpeaker.objects.create(release=release, speaker=speaker)
    return ReleaseSpeaker(release=release, speaker=speaker)


def audit_entry_without_actor():
    return AuditEntry(
        actor_name="",
        action="published",
        content_type=ContentType.objects.get_for_model(AuditEntry),
        object_id="1",
        object_repr="Something",
    )


def second_pending_correction():
    release = ReleaseFactory()
    content_type = ContentType.objects.get_for_model(release)
    fields = {"content_type": content_type, "object_id": str(release.pk), "base_version": 1}
    PendingRevision.objects.create(object_repr="First", **fields)
    return PendingRevision(object_repr="Second", **fields)


def duplicate_document_number():
    first = DocumentFactory()
    return DocumentFactory.build(service=first.service, order=first.order)


def second_fee_from_the_same_day():
    first = FeeFactory()
    return FeeFactory.build(service=first.service, valid_from=first.valid_from)


def one_day_event(**times):
    return EventFactory.build(start_date=datetime.date(2018, 2, 15), **times)


# Constraint name -> an unsaved instance breaking exactly that rule.
VIOLATIONS = {
    **publishable_examples(ReleaseFactory),
    **publishable_examples(EventFactory),
    **publishable_examples(NoticeFactory),
    "pendingrevision_one_pending_per_item": second_pending_correction,
    "service_processing_days_range": lambda: ServiceFactory.build(processing_days=1000),
    "requireddocument_unique_order": duplicate_document_number,
    "fee_amount_range": lambda: FeeFactory.build(service=ServiceFactory(), amount="2000000.00"),
    "fee_unique_valid_from_per_variant": second_fee_from_the_same_day,
    "release_unique_slug_per_date": duplicate_release,
    "release_source_url_has_name": lambda: ReleaseFactory.build(
        source_url="https://example.org/", source_name_en=""
    ),
    "releasespeaker_unique_speaker": duplicate_release_speaker,
    "eventparticipant_unique_speaker": duplicate_participant,
    "event_end_after_start": lambda: EventFactory.build(
        start_date=datetime.date(2018, 2, 15), end_date=datetime.date(2018, 2, 14)
    ),
    "event_end_time_needs_start_time": lambda: one_day_event(end_time=datetime.time(12)),
    "event_end_time_after_start_time": lambda: one_day_event(
        start_time=datetime.time(12), end_time=datetime.time(11)
    ),
    "auditentry_has_actor_name": audit_entry_without_actor,
    "office_coordinates_together": lambda: OfficeFactory.build(longitude=None),
    "office_latitude_range": lambda: OfficeFactory.build(latitude="95.000000"),
    "office_longitude_range": lambda: OfficeFactory.build(longitude="-190.000000"),
    "contactpoint_value_matches_kind": lambda: ContactPointFactory.build(
        office=OfficeFactory(), email="both@example.org"
    ),
    "contactpoint_protect_only_email": lambda: ContactPointFactory.build(
        office=OfficeFactory(), is_protected=True
    ),
    "openinghours_closes_after_opens": lambda: OpeningHoursFactory.build(
        office=OfficeFactory(), opens=datetime.time(13), closes=datetime.time(9)
    ),
    "closure_end_after_start": lambda: Closure(
        start_date=datetime.date(2026, 1, 26),
        end_date=datetime.date(2026, 1, 25),
        reason_en="Republic Day",
    ),
}


def all_constraints():
    return [
        pytest.param(model, constraint, id=constraint.name % {"class": model._meta.model_name})
        for app in APPS
        for model in apps.get_app_config(app).get_models()
        if model not in MACHINE_WRITTEN
        for constraint in model._meta.constraints
    ]


def test_every_constraint_has_a_violating_example():
    names = {param.id for param in all_constraints()}
    assert names == set(VIOLATIONS)
    # The models checked below are really the ones of these apps.
    assert {ContactPoint, OpeningHours, Closure} <= {p.values[0] for p in all_constraints()}


@pytest.mark.parametrize(("model", "constraint"), all_constraints())
def test_full_clean_reports_every_constraint_with_its_own_message(model, constraint, request):
    assert constraint.violation_error_code, "give it a violation_error_code"
    assert constraint.violation_error_message != constraint.default_violation_error_message
    instance = VIOLATIONS[request.node.callspec.id]()

    with pytest.raises(ValidationError):
        instance.full_clean()
    with pytest.raises(ValidationError) as caught:
        instance.validate_constraints()

    field = getattr(model, "constraint_error_fields", {}).get(
        constraint.violation_error_code, NON_FIELD_ERRORS
    )
    codes = {error.code for error in caught.value.error_dict.get(field, [])}
    assert constraint.violation_error_code in codes, caught.value.error_dict
    # The example breaks the database's rule too, not only Python's.
    with pytest.raises(IntegrityError), transaction.atomic():
        instance.save()


@pytest.mark.parametrize(("model", "constraint"), all_constraints())
def test_a_constraint_is_reported_on_a_field_it_names(model, constraint):
    field = getattr(model, "constraint_error_fields", {}).get(constraint.violation_error_code)
    if field is None:
        pytest.skip("reported for the whole form")
    # Q's text lists the lookups, e.g. (OR: ('source_url', ''), ...).
    named = {*getattr(constraint, "fields", ()), str(getattr(constraint, "condition", ""))}
    assert any(field == name or f"'{field}" in name for name in named)
