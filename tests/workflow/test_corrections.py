"""Corrections to live texts: an editor's save waits for a publisher, the
public page changes only on approval, word by word per language."""

import pytest
from django.core import mail
from django.urls import reverse

from releases.models import (
    AuditAction,
    AuditEntry,
    PendingRevision,
    PendingRevisionStatus,
    Release,
)
from tests.factories import ReleaseFactory

from .conftest import admin_form_data

pytestmark = pytest.mark.django_db


def change_url(release):
    return reverse("admin:releases_release_change", args=[release.pk])


def correction_url(release):
    return reverse("admin:releases_release_correction", args=[release.pk])


@pytest.fixture
def live():
    return ReleaseFactory(
        published=True, title_en="The minister visits Delhi", title_ru="Министр посещает Дели"
    )


def propose(client, release, **changes):
    page = client.get(change_url(release))
    return client.post(change_url(release), admin_form_data(page, **changes))


def test_an_editors_save_of_a_live_text_waits_and_the_public_page_stays(
    editor_client, live, client
):
    response = propose(editor_client, live, title_en="The minister visits New Delhi")
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.title_en == "The minister visits Delhi"
    assert "The minister visits Delhi" in client.get(live.get_absolute_url()).text
    revision = PendingRevision.objects.get()
    assert revision.status == PendingRevisionStatus.PENDING
    assert revision.base_version == live.version
    assert AuditEntry.objects.filter(action=AuditAction.CORRECTION_PROPOSED).exists()
    page = editor_client.get(change_url(live))
    assert "A correction is waiting for a publisher" in page.text


def test_the_publisher_sees_the_change_word_by_word_per_language(
    editor_client, publisher_client, live
):
    propose(
        editor_client,
        live,
        title_en="The minister visits New Delhi",
        title_ru="Министр посещает Нью-Дели",
    )
    page = publisher_client.get(correction_url(live))
    assert page.status_code == 200
    assert "visits <ins>New</ins> Delhi" in page.text
    assert "[ru]" in page.text
    assert "<del>Дели</del> <ins>Нью-Дели</ins>" in page.text


def test_approval_with_a_change_note_changes_the_public_page(
    editor, editor_client, publisher_client, live, client, django_capture_on_commit_callbacks
):
    propose(editor_client, live, title_en="The minister visits New Delhi")
    with django_capture_on_commit_callbacks(execute=True):
        response = publisher_client.post(
            correction_url(live),
            {"decision": "approve", "change_note": "Corrected the city."},
        )
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.title_en == "The minister visits New Delhi"
    public = client.get(live.get_absolute_url()).text
    assert "The minister visits New Delhi" in public
    assert "Corrected the city." in public
    assert PendingRevision.objects.get().status == PendingRevisionStatus.APPROVED
    assert [m.to for m in mail.outbox] == [[editor.email]]
    history = publisher_client.get(reverse("admin:releases_release_history", args=[live.pk]))
    assert "Correction by editor approved" in history.text


def test_rejection_keeps_the_live_text(editor_client, publisher_client, live):
    propose(editor_client, live, title_en="Wrong")
    publisher_client.post(correction_url(live), {"decision": "reject", "comment": "Not needed."})
    live.refresh_from_db()
    assert live.title_en == "The minister visits Delhi"
    assert PendingRevision.objects.get().status == PendingRevisionStatus.REJECTED


def test_a_correction_made_on_an_older_version_is_not_approved(
    editor_client, publisher_client, live
):
    propose(editor_client, live, title_en="The minister visits New Delhi")
    # A publisher saves the live text in the meantime.
    Release.objects.get(pk=live.pk).save()
    response = publisher_client.post(correction_url(live), {"decision": "approve"})
    assert response.status_code == 200
    assert "was saved after this correction was proposed" in response.text
    live.refresh_from_db()
    assert live.title_en == "The minister visits Delhi"


def test_the_editor_reopens_on_the_correction_and_adds_to_it(editor_client, live, client):
    propose(editor_client, live, title_en="First try")
    page = editor_client.get(change_url(live))
    assert page.context["adminform"].form["title_en"].value() == "First try"
    propose(editor_client, live, summary_en="A better summary.")
    revision = PendingRevision.objects.get()
    assert revision.data["title_en"] == "First try"
    assert revision.data["summary_en"] == "A better summary."
    live.refresh_from_db()
    assert live.title_en == "The minister visits Delhi"
    assert "First try" not in client.get(live.get_absolute_url()).text


def test_the_publisher_opens_on_the_live_text(editor_client, publisher_client, live):
    propose(editor_client, live, title_en="First try")
    page = publisher_client.get(change_url(live))
    assert page.context["adminform"].form["title_en"].value() == "The minister visits Delhi"


def test_an_editor_cannot_approve(editor_client, live):
    propose(editor_client, live, title_en="Mine")
    assert editor_client.post(correction_url(live), {"decision": "approve"}).status_code == 403
    live.refresh_from_db()
    assert live.title_en == "The minister visits Delhi"


def test_an_editor_cannot_change_the_status_or_address_by_a_correction(editor_client, live):
    page = editor_client.get(change_url(live))
    data = admin_form_data(page, title_en="Changed", status="draft", slug="other")
    editor_client.post(change_url(live), data)
    live.refresh_from_db()
    assert live.is_public and live.slug != "other"
    assert "status" not in PendingRevision.objects.get().data


def test_a_publishers_save_of_a_live_text_goes_live_at_once(publisher_client, live):
    propose(publisher_client, live, title_en="Fixed at once")
    live.refresh_from_db()
    assert live.title_en == "Fixed at once"
    assert not PendingRevision.objects.exists()
