"""Review that talks back: submitting tells the publishers, a publisher
publishes, schedules or sends back with a comment, and the author hears it."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from releases.models import AuditAction, AuditEntry, PublicationStatus
from releases.workflow import services
from tests.factories import ReleaseFactory

from .conftest import admin_form_data

pytestmark = pytest.mark.django_db


def review_url(release):
    return reverse("admin:releases_release_review", args=[release.pk])


def change_url(release):
    return reverse("admin:releases_release_change", args=[release.pk])


def test_submitting_by_the_form_mails_the_publishers(
    editor_client, publisher, django_capture_on_commit_callbacks
):
    release = ReleaseFactory(title_en="Visit of the minister")
    page = editor_client.get(change_url(release))
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(change_url(release), admin_form_data(page, status="review"))
    release.refresh_from_db()
    assert release.status == PublicationStatus.REVIEW
    assert [m.to for m in mail.outbox] == [[publisher.email]]
    assert "Visit of the minister" in mail.outbox[0].subject
    assert review_url(release) in mail.outbox[0].body


def test_no_mail_when_the_submission_is_rolled_back(editor, publisher):
    release = ReleaseFactory()
    services.item_submit_for_review(item=release, by=editor)
    # Inside the test's transaction, never committed: nothing is sent.
    assert mail.outbox == []


def test_publisher_sends_back_with_a_comment_the_author_reads(
    editor, publisher_client, django_capture_on_commit_callbacks
):
    release = ReleaseFactory()
    services.item_submit_for_review(item=release, by=editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = publisher_client.post(
            review_url(release),
            {"decision": "send-back", "comment": "Name the minister in the first line."},
        )
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.status == PublicationStatus.DRAFT
    entry = AuditEntry.objects.get(action=AuditAction.SEND_BACK)
    assert entry.detail == "Name the minister in the first line."
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert "Name the minister in the first line." in mail.outbox[0].body
    history = publisher_client.get(reverse("admin:releases_release_history", args=[release.pk]))
    assert "Name the minister in the first line." in history.text


def test_sending_back_needs_a_comment(editor, publisher_client):
    release = ReleaseFactory()
    services.item_submit_for_review(item=release, by=editor)
    response = publisher_client.post(review_url(release), {"decision": "send-back", "comment": " "})
    assert response.status_code == 200
    assert "the author will read it" in response.text
    release.refresh_from_db()
    assert release.status == PublicationStatus.REVIEW


def test_publisher_schedules_from_the_review(editor, publisher_client):
    release = ReleaseFactory()
    services.item_submit_for_review(item=release, by=editor)
    at = timezone.localtime() + datetime.timedelta(days=3)
    response = publisher_client.post(
        review_url(release), {"decision": "schedule", "publish_at": at.strftime("%Y-%m-%dT%H:%M")}
    )
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.state == "scheduled"
    assert abs(release.published_at - at) < datetime.timedelta(minutes=1)


def test_scheduling_in_the_past_is_a_form_error(editor, publisher_client):
    release = ReleaseFactory()
    services.item_submit_for_review(item=release, by=editor)
    response = publisher_client.post(
        review_url(release), {"decision": "schedule", "publish_at": "2001-01-01T10:00"}
    )
    assert response.status_code == 200
    release.refresh_from_db()
    assert release.status == PublicationStatus.REVIEW


def test_publisher_publishes_from_the_review(editor, publisher_client):
    release = ReleaseFactory()
    services.item_submit_for_review(item=release, by=editor)
    publisher_client.post(review_url(release), {"decision": "publish"})
    release.refresh_from_db()
    assert release.is_public


def test_an_editor_cannot_open_the_review(editor, editor_client):
    release = ReleaseFactory()
    services.item_submit_for_review(item=release, by=editor)
    assert editor_client.get(review_url(release)).status_code == 403
    response = editor_client.post(review_url(release), {"decision": "publish"})
    assert response.status_code == 403
    release.refresh_from_db()
    assert release.status == PublicationStatus.REVIEW


def test_the_service_refuses_an_editor_sending_back(editor):
    from django.core.exceptions import PermissionDenied

    release = ReleaseFactory(in_review=True)
    with pytest.raises(PermissionDenied):
        services.item_send_back(item=release, by=editor, comment="No")
