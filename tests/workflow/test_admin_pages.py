"""The admin shows the workflow plainly: states (scheduled included), the
mission's time zone next to every time, the audit trail read-only."""

import datetime
import html

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from releases.models import AuditAction, AuditEntry
from releases.workflow import services
from tests.factories import EventFactory, ReleaseFactory

pytestmark = pytest.mark.django_db

RELEASES = reverse("admin:releases_release_changelist")
AUDIT = reverse("admin:releases_auditentry_changelist")


def test_scheduled_is_shown_as_such_with_its_time(publisher_client):
    ReleaseFactory(scheduled=True, title_en="Statement for tomorrow")
    ReleaseFactory(published=True, title_en="Statement of today")
    page = publisher_client.get(RELEASES)
    assert 'class="state state-scheduled">Scheduled</span>' in page.text
    assert 'class="state state-published">Published</span>' in page.text
    scheduled_only = publisher_client.get(RELEASES + "?state=scheduled")
    assert "Statement for tomorrow" in scheduled_only.text
    assert "Statement of today" not in scheduled_only.text


@pytest.mark.parametrize("factory", [ReleaseFactory, EventFactory])
def test_time_fields_name_the_missions_time_zone(publisher_client, factory):
    item = factory(scheduled=True)
    url = reverse(f"admin:releases_{item._meta.model_name}_change", args=[item.pk])
    page = publisher_client.get(url)
    assert page.status_code == 200
    text = html.unescape(page.text)
    # Named as people name it, not by its database name (settings: Asia/Kolkata).
    assert settings.TIME_ZONE == "Asia/Kolkata"
    assert text.count("Times are in the mission's time zone, India time, UTC+5:30.") >= 3
    assert "Scheduled: goes live on" in page.text
    assert "Preview" in page.text


def test_editor_sees_only_editorial_statuses(editor_client):
    page = editor_client.get(reverse("admin:releases_release_add"))
    choices = [value for value, _label in page.context["adminform"].form.fields["status"].choices]
    assert choices == ["draft", "review"]
    assert "published_at" not in page.context["adminform"].form.fields


def test_the_audit_trail_records_who_did_what(publisher_client, publisher):
    release = ReleaseFactory(in_review=True, title_en="Audited")
    services.item_publish(
        item=release, by=publisher, at=timezone.now() + datetime.timedelta(days=1)
    )
    services.item_publish(item=release, by=publisher)
    services.item_withdraw(item=release, by=publisher, reason="Wrong figures.")
    services.item_unpublish(item=release, by=publisher)
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == [
        AuditAction.SCHEDULE,
        AuditAction.PUBLISH,
        AuditAction.WITHDRAW,
        AuditAction.UNPUBLISH,
    ]
    page = publisher_client.get(AUDIT + "?action=withdraw")
    assert page.status_code == 200
    assert "Wrong figures." in page.text
    assert "Audited" in page.text


def test_the_audit_trail_cannot_be_edited(publisher_client, editor_client, publisher):
    services.item_publish(item=ReleaseFactory(), by=publisher)
    entry = AuditEntry.objects.get()
    assert publisher_client.get(reverse("admin:releases_auditentry_add")).status_code == 403
    delete_url = reverse("admin:releases_auditentry_delete", args=[entry.pk])
    assert publisher_client.post(delete_url, {"post": "yes"}).status_code == 403
    change_url = reverse("admin:releases_auditentry_change", args=[entry.pk])
    publisher_client.post(change_url, {"action": "draft", "actor_name": "someone"})
    entry.refresh_from_db()
    assert entry.action == AuditAction.PUBLISH
    assert editor_client.get(AUDIT).status_code == 403
