"""Rolling migrations back and forward again keeps the data staff made:
the roles their accounts are in, and the dates the workflow recorded.

Each test really migrates the test database down and up, as Django's own
migration tests do, so it runs as a transactional test (no wrapping transaction) and always ends
at the latest migrations.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from releases.models import PublicationStatus, Release
from releases.workflow.roles import CONSULAR_OFFICER, EDITOR, PUBLISHER, grant_role_permissions

from .factories import ReleaseFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def migrate_back_to():
    """migrate_back_to(app, name) rolls the database back to that migration;
    the test's end brings it forward again, whatever happened."""

    def back(app, name):
        executor = MigrationExecutor(connection)
        executor.migrate([(app, name)])

    yield back
    migrate_forward()


def migrate_forward():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    # Content types were deleted and made again behind the cache's back.
    ContentType.objects.clear_cache()


def memberships():
    users = get_user_model().objects.prefetch_related("groups")
    return {user.username: {group.name for group in user.groups.all()} for user in users}


def group_permissions():
    return {
        group.name: set(group.permissions.values_list("codename", flat=True))
        for group in Group.objects.all()
    }


@pytest.fixture
def staff():
    """An editor and a publisher in their role groups, and a permission an
    administrator granted the editors by hand."""
    groups = {group.name: group for group in grant_role_permissions(create_groups=True)}
    users = get_user_model().objects
    users.create_user("anna", is_staff=True).groups.add(groups[EDITOR])
    users.create_user("boris", is_staff=True).groups.add(groups[EDITOR], groups[PUBLISHER])
    groups[EDITOR].permissions.add(Permission.objects.get(codename="view_auditentry"))


def test_rolling_back_past_the_roles_keeps_staff_in_their_groups(staff, migrate_back_to):
    before_members, before_permissions = memberships(), group_permissions()
    migrate_back_to("releases", "0005_backfill_first_published")
    migrate_forward()
    assert memberships() == before_members
    assert memberships()["boris"] == {EDITOR, PUBLISHER}
    assert group_permissions() == before_permissions
    assert "view_auditentry" in group_permissions()[EDITOR]


def test_a_role_group_nobody_is_in_is_removed_and_made_again(staff, migrate_back_to):
    consular_permissions = group_permissions()[CONSULAR_OFFICER]
    migrate_back_to("releases", "0005_backfill_first_published")
    assert set(Group.objects.values_list("name", flat=True)) == {EDITOR, PUBLISHER}
    migrate_forward()
    assert group_permissions()[CONSULAR_OFFICER] == consular_permissions


def test_rolling_back_the_backfill_keeps_first_publication_dates(migrate_back_to):
    # Went public in February, was taken down and published again in March.
    first = datetime.datetime(2018, 2, 16, 6, 30, tzinfo=datetime.UTC)
    again = datetime.datetime(2018, 3, 1, 6, 30, tzinfo=datetime.UTC)
    release = ReleaseFactory(status=PublicationStatus.PUBLISHED, published_at=again)
    Release.objects.filter(pk=release.pk).update(first_published_at=first)
    migrate_back_to("releases", "0004_workflow_states_embargo_audit")
    migrate_forward()
    assert Release.objects.get(pk=release.pk).first_published_at == first


def test_opening_hours_service_names_become_services_and_come_back(migrate_back_to):
    """Contacts 0004 turns the names typed on each slot into one Service per
    name (equal names merged across slots, ignoring case and spaces, with
    their Russian and Hindi names); backwards each slot gets its names again."""
    migrate_back_to("contacts", "0002_constraint_error_codes")
    executor = MigrationExecutor(connection)
    old = executor.loader.project_state(("contacts", "0002_constraint_error_codes")).apps
    Office = old.get_model("contacts", "Office")
    Slot = old.get_model("contacts", "OpeningHours")
    office = Office.objects.create(
        name="Embassy",
        name_en="Embassy",
        slug="embassy",
        kind="embassy",
        address_line_1="Shantipath",
        address_line_1_en="Shantipath",
        city="Delhi",
        city_en="Delhi",
        country="India",
        country_en="India",
        time_zone="Asia/Kolkata",
    )
    names = [
        ("Consular reception", "Консульский приём", None),
        ("consular  Reception", None, "कांसुलर सेवाएँ"),
        ("Telephone enquiries", "Справки по телефону", "टेलीफ़ोन पूछताछ"),
    ]
    for weekday, (en, ru, hi) in enumerate(names):
        Slot.objects.create(
            office=office,
            weekday=weekday,
            opens="09:00",
            closes="13:00",
            service=en,
            service_en=en,
            service_ru=ru,
            service_hi=hi,
        )

    migrate_forward()
    from contacts.models import OpeningHours
    from services.models import Service

    reception, telephone = Service.objects.order_by("pk")
    assert Service.objects.count() == 2
    assert (reception.name_en, reception.name_ru, reception.name_hi) == (
        "Consular reception",
        "Консульский приём",
        "कांसुलर सेवाएँ",
    )
    assert not reception.is_active  # hidden until staff write its page
    assert [slot.service for slot in OpeningHours.objects.order_by("weekday")] == [
        reception,
        reception,
        telephone,
    ]
    assert list(reception.offices.values_list("slug", flat=True)) == ["embassy"]

    migrate_back_to("contacts", "0002_constraint_error_codes")
    back = (
        MigrationExecutor(connection)
        .loader.project_state(("contacts", "0002_constraint_error_codes"))
        .apps
    )
    slots = back.get_model("contacts", "OpeningHours").objects.order_by("weekday")
    assert [(s.service_en, s.service_ru) for s in slots] == [
        ("Consular reception", "Консульский приём"),
        ("Consular reception", "Консульский приём"),
        ("Telephone enquiries", "Справки по телефону"),
    ]
    migrate_forward()
    assert Service.objects.count() == 2  # found again by name, not made twice
