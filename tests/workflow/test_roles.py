"""Roles are enforced by the server, whatever the browser sends."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from releases.models import AuditAction, AuditEntry, PublicationStatus, Release
from releases.workflow import services
from releases.workflow.roles import CONSULAR_OFFICER, EDITOR, PUBLISHER, on_post_migrate
from tests.factories import EventFactory, ReleaseFactory

from .conftest import admin_form_data

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:releases_release_add")
CHANGELIST_URL = reverse("admin:releases_release_changelist")


def change_url(obj):
    return reverse(f"admin:releases_{obj._meta.model_name}_change", args=[obj.pk])


def test_the_migration_creates_the_three_roles():
    editor, publisher = Group.objects.get(name=EDITOR), Group.objects.get(name=PUBLISHER)
    assert Group.objects.filter(name=CONSULAR_OFFICER).exists()
    assert editor.permissions.filter(codename="change_release").exists()
    assert not editor.permissions.filter(codename="publish_release").exists()
    assert not editor.permissions.filter(codename="delete_release").exists()
    assert publisher.permissions.filter(codename="publish_release").exists()
    assert publisher.permissions.filter(codename="publish_event").exists()
    assert publisher.permissions.filter(codename="view_auditentry").exists()


def test_consular_officers_get_the_contacts_services_and_notices_apps_only():
    consular = Group.objects.get(name=CONSULAR_OFFICER).permissions.all()
    assert consular.filter(codename="change_office").exists()
    assert consular.filter(codename="delete_service").exists()
    assert consular.filter(codename="publish_notice").exists()
    assert not consular.exclude(
        content_type__app_label__in=["contacts", "services", "notices"]
    ).exists()


def test_publishers_edit_services_but_do_not_delete_them_and_editors_do_not_touch_them():
    publisher = Group.objects.get(name=PUBLISHER).permissions
    services = publisher.filter(content_type__app_label="services")
    assert services.filter(codename="change_service").exists()
    assert services.filter(codename="add_fee").exists()
    assert not services.filter(codename="delete_service").exists()
    editor = Group.objects.get(name=EDITOR).permissions
    assert not editor.filter(content_type__app_label="services").exists()


def test_contacts_permissions_added_later_reach_the_consular_officers():
    office = ContentType.objects.get(app_label="contacts", model="office")
    permission = Permission.objects.create(
        content_type=office, codename="export_office", name="Can export offices"
    )
    on_post_migrate(sender=apps.get_app_config("contacts"))
    assert permission in Group.objects.get(name=CONSULAR_OFFICER).permissions.all()
    assert permission not in Group.objects.get(name=EDITOR).permissions.all()


def test_setup_roles_is_idempotent_and_keeps_hand_made_grants():
    editor = Group.objects.get(name=EDITOR)
    extra = Permission.objects.get(codename="view_auditentry")
    editor.permissions.add(extra)
    call_command("setup_roles", stdout=None)
    before = set(editor.permissions.values_list("pk", flat=True))
    call_command("setup_roles", stdout=None)
    assert set(editor.permissions.values_list("pk", flat=True)) == before
    assert extra.pk in before


def test_editor_cannot_publish_by_posting_the_status(editor_client):
    page = editor_client.get(ADD_URL)
    data = admin_form_data(
        page, title_en="Sneaky", slug="sneaky", date="2018-02-16", status="published"
    )
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not Release.objects.filter(slug="sneaky").exists()


def test_editor_cannot_publish_an_existing_draft_by_posting_the_status(editor_client):
    release = ReleaseFactory()
    page = editor_client.get(change_url(release))
    editor_client.post(change_url(release), admin_form_data(page, status="published"))
    release.refresh_from_db()
    assert release.status == PublicationStatus.DRAFT
    assert not Release.objects.published().exists()


def test_editor_writes_a_draft_and_submits_it(editor_client, editor):
    page = editor_client.get(ADD_URL)
    data = admin_form_data(
        page, title_en="Honest draft", slug="honest", date="2018-02-16", status="review"
    )
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    release = Release.objects.get(slug="honest")
    assert release.status == PublicationStatus.REVIEW
    assert AuditEntry.objects.get(action=AuditAction.SUBMIT).actor == editor


def test_editor_cannot_run_the_publish_action(editor_client):
    release = ReleaseFactory(in_review=True)
    page = editor_client.get(CHANGELIST_URL)
    assert "publish_now" not in page.text
    editor_client.post(CHANGELIST_URL, {"action": "publish_now", "_selected_action": [release.pk]})
    release.refresh_from_db()
    assert release.status == PublicationStatus.REVIEW


def test_editor_can_submit_for_review_by_action(editor_client):
    release = ReleaseFactory()
    editor_client.post(
        CHANGELIST_URL, {"action": "submit_for_review", "_selected_action": [release.pk]}
    )
    release.refresh_from_db()
    assert release.status == PublicationStatus.REVIEW


def test_editor_cannot_change_what_is_public(editor_client):
    # The editor's save is a proposed correction (tests/workflow/test_corrections.py):
    # the live row is not written.
    release = ReleaseFactory(published=True, title_en="Live")
    page = editor_client.get(change_url(release))
    assert page.status_code == 200
    editor_client.post(change_url(release), admin_form_data(page, title_en="Vandalised"))
    release.refresh_from_db()
    assert release.title_en == "Live"
    assert release.is_public


def test_editor_cannot_delete_releases(editor_client):
    release = ReleaseFactory()
    delete_url = reverse("admin:releases_release_delete", args=[release.pk])
    assert editor_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Release.objects.filter(pk=release.pk).exists()


def test_a_delete_permission_granted_by_hand_does_not_delete_what_was_public(editor, editor_client):
    # The page's own delete view refuses a release that was public; the
    # "Delete selected" action of the list must refuse it the same way.
    editor.user_permissions.add(Permission.objects.get(codename="delete_release"))
    draft, live = ReleaseFactory(), ReleaseFactory(published=True)
    live.first_published_at = live.published_at
    live.save()
    for selection in ([live.pk], [draft.pk, live.pk]):
        response = editor_client.post(
            CHANGELIST_URL,
            {"action": "delete_selected", "_selected_action": selection, "post": "yes"},
        )
        assert response.status_code == 403
    assert Release.objects.filter(pk__in=[draft.pk, live.pk]).count() == 2
    response = editor_client.post(
        CHANGELIST_URL, {"action": "delete_selected", "_selected_action": [draft.pk], "post": "yes"}
    )
    assert response.status_code == 302
    assert not Release.objects.filter(pk=draft.pk).exists()


def test_services_refuse_an_editor_too(editor):
    release = ReleaseFactory(in_review=True)
    with pytest.raises(PermissionDenied):
        services.item_publish(item=release, by=editor)
    live = ReleaseFactory(published=True)
    with pytest.raises(PermissionDenied):
        services.item_unpublish(item=live, by=editor)
    assert list(Release.objects.published()) == [live]


def test_publisher_publishes_by_action_and_it_is_audited(publisher_client, publisher):
    release = ReleaseFactory(in_review=True)
    response = publisher_client.post(
        CHANGELIST_URL, {"action": "publish_now", "_selected_action": [release.pk]}
    )
    assert response.status_code == 302
    assert Release.objects.published().get() == release
    entry = AuditEntry.objects.get(action=AuditAction.PUBLISH)
    assert (entry.actor, entry.object_repr) == (publisher, release.title)


def test_publisher_publishes_an_event_from_its_form(publisher_client):
    event = EventFactory()
    page = publisher_client.get(change_url(event))
    response = publisher_client.post(change_url(event), admin_form_data(page, status="published"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.is_public


def test_withdrawal_needs_a_reason(publisher_client):
    release = ReleaseFactory(published=True)
    page = publisher_client.get(change_url(release))
    response = publisher_client.post(change_url(release), admin_form_data(page, status="withdrawn"))
    assert response.status_code == 200
    assert "Say why it is withdrawn" in response.text
    release.refresh_from_db()
    assert release.status == PublicationStatus.PUBLISHED


def test_a_draft_cannot_be_withdrawn(publisher_client):
    release = ReleaseFactory()
    page = publisher_client.get(change_url(release))
    data = admin_form_data(page, status="withdrawn", withdrawal_reason_en="Oops")
    response = publisher_client.post(change_url(release), data)
    assert "Only an item that has been public can be withdrawn" in response.text
    release.refresh_from_db()
    assert release.status == PublicationStatus.DRAFT


def test_publisher_withdraws_with_the_action_form(publisher_client):
    release = ReleaseFactory(published=True)
    selection = {"action": "withdraw", "_selected_action": [release.pk]}
    confirm = publisher_client.post(CHANGELIST_URL, selection)
    assert "Withdraw with a public notice" in confirm.text
    publisher_client.post(CHANGELIST_URL, {**selection, "apply": "1", "reason": "Issued in error."})
    release.refresh_from_db()
    assert release.status == PublicationStatus.WITHDRAWN
    assert release.withdrawal_reason_en == "Issued in error."
    assert AuditEntry.objects.filter(action=AuditAction.WITHDRAW).exists()
