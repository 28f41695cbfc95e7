"""Every save is a revision: compare two, restore one (content only, never
the publication state), for releases, events and speakers."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from contacts.models import Office
from history.versions import versions_of
from releases.models import AuditAction, AuditEntry, ChangeNote, PublicationStatus, Release
from releases.workflow.roles import CONSULAR_OFFICER
from tests.accounts_support import log_in_verified
from tests.contacts.factories import ContactPointFactory, OfficeFactory
from tests.factories import EventFactory, ReleaseFactory, SpeakerFactory

from .conftest import admin_form_data

pytestmark = pytest.mark.django_db


def admin_url(obj, view, *args):
    return reverse(f"admin:releases_{obj._meta.model_name}_{view}", args=[obj.pk, *args])


def edit(client, obj, **changes):
    page = client.get(admin_url(obj, "change"))
    response = client.post(admin_url(obj, "change"), admin_form_data(page, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    obj.refresh_from_db()


@pytest.fixture
def edited_release(publisher_client):
    """A published release saved twice in the admin: "First title", then
    "Second title" with a second speaker."""
    first, second = SpeakerFactory(name_en="First Speaker"), SpeakerFactory(name_en="Added Speaker")
    release = ReleaseFactory(published=True, title_en="Temp", speakers=[first])
    edit(publisher_client, release, title_en="First title")
    release.release_speakers.create(speaker=second, order=1)
    edit(publisher_client, release, title_en="Second title")
    return release


def test_each_save_is_a_version_with_its_author(edited_release, publisher):
    versions = list(versions_of(edited_release))
    assert len(versions) == 2
    assert versions[0].field_dict["title_en"] == "Second title"
    assert {v.revision.user for v in versions} == {publisher}


def test_publication_actions_are_versions_too(publisher):
    from releases.workflow import services

    release = ReleaseFactory(in_review=True)
    services.item_publish(item=release, by=publisher)
    latest = versions_of(release).first()
    assert latest.field_dict["status"] == PublicationStatus.PUBLISHED
    assert latest.revision.get_comment() == "Published"


def test_history_lists_versions_to_compare(publisher_client, edited_release):
    page = publisher_client.get(admin_url(edited_release, "history"))
    assert page.status_code == 200
    assert page.text.count('type="radio" name="old"') == 2


def test_compare_shows_what_changed(publisher_client, edited_release):
    new, old = versions_of(edited_release)
    url = admin_url(edited_release, "compare") + f"?old={old.pk}&new={new.pk}"
    response = publisher_client.get(url)
    assert response.status_code == 200
    assert "<del>First</del> <ins>Second</ins> title" in response.text
    assert "<ins>Added Speaker" in response.text


def test_compare_shows_no_hashes_to_staff(publisher_client, edited_release):
    # The title changed, so the translations' fingerprints (SHA-256) did too;
    # staff see translation states, never the hashes.
    new, old = versions_of(edited_release)
    assert old.field_dict["source_fingerprint"] != new.field_dict["source_fingerprint"]
    url = admin_url(edited_release, "compare") + f"?old={old.pk}&new={new.pk}"
    response = publisher_client.get(url)
    assert "ingerprint" not in response.text
    assert new.field_dict["source_fingerprint"] not in response.text


def test_compare_needs_two_versions_of_this_object(publisher_client, edited_release):
    other = ReleaseFactory()
    url = admin_url(other, "compare")
    assert publisher_client.get(url).status_code == 400
    version = versions_of(edited_release).first()
    assert publisher_client.get(f"{url}?old={version.pk}&new={version.pk}").status_code == 404


def test_restore_brings_back_content_but_keeps_the_state(publisher_client, edited_release):
    ChangeNote.objects.create(release=edited_release, note_en="Fixed a name.")
    edited_release.status = PublicationStatus.WITHDRAWN
    edited_release.withdrawal_reason_en = "Issued in error."
    edited_release.save()
    version_before = edited_release.version
    oldest = versions_of(edited_release).last()

    page = publisher_client.get(admin_url(edited_release, "revision", oldest.pk))
    assert "<del>First</del> <ins>Second</ins> title" in page.text  # old → current
    response = publisher_client.post(admin_url(edited_release, "revision", oldest.pk))

    assert response.status_code == 302
    release = Release.objects.get(pk=edited_release.pk)
    assert release.title_en == "First title"
    assert [s.name for s in release.speakers.all()] == ["First Speaker"]
    assert release.status == PublicationStatus.WITHDRAWN  # the state stays
    assert release.version == version_before + 1  # open forms become stale
    assert release.change_notes.count() == 1  # notes are not history
    assert AuditEntry.objects.filter(action=AuditAction.RESTORE).exists()


def test_editor_cannot_restore_a_published_release(editor_client, edited_release):
    oldest = versions_of(edited_release).last()
    response = editor_client.post(admin_url(edited_release, "revision", oldest.pk))
    assert response.status_code == 403
    edited_release.refresh_from_db()
    assert edited_release.title_en == "Second title"


def test_speakers_and_events_have_a_history(publisher_client):
    speaker = SpeakerFactory(name_en="Old name")
    edit(publisher_client, speaker, name_en="New name")
    edit(publisher_client, speaker, name_en="Newer name")
    oldest = versions_of(speaker).last()
    publisher_client.post(admin_url(speaker, "revision", oldest.pk))
    speaker.refresh_from_db()
    assert speaker.name_en == "New name"

    event = EventFactory(title_en="An event")
    edit(publisher_client, event, title_en="A renamed event")
    assert versions_of(event).first().field_dict["title_en"] == "A renamed event"


def test_offices_have_a_history_with_their_lines(client, django_user_model):
    office = OfficeFactory(name_en="Consular section")
    ContactPointFactory(office=office)
    consul = django_user_model.objects.create_user("consul", is_staff=True)
    consul.groups.add(Group.objects.get(name=CONSULAR_OFFICER))
    log_in_verified(client, consul)
    url = reverse("admin:contacts_office_change", args=[office.pk])
    page = client.get(url)
    response = client.post(url, admin_form_data(page, name_en="Consular department"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    version = versions_of(Office.objects.get(pk=office.pk)).first()
    assert version.field_dict["name_en"] == "Consular department"
    assert version.revision.user == consul
    assert version.revision.version_set.count() > 1  # the office's lines are followed
    # Consular officers have nothing to do with releases.
    assert client.get(reverse("admin:releases_release_changelist")).status_code == 403
