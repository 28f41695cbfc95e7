"""Notices go through the releases' workflow: editors write drafts,
publishers and consular officers publish, schedule, withdraw; every save is
a revision with a history page."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from notices.models import Notice, Severity
from releases.models import PublicationStatus
from releases.workflow import services
from releases.workflow.roles import CONSULAR_OFFICER
from tests.accounts_support import verified_client
from tests.factories import NoticeFactory
from tests.workflow.conftest import admin_form_data

pytestmark = pytest.mark.django_db

ADD = "/admin/notices/notice/add/"


@pytest.fixture
def consul(django_user_model):
    user = django_user_model.objects.create_user(
        "consul", "consul@example.org", "pw-for-tests", is_staff=True
    )
    user.groups.add(Group.objects.get(name=CONSULAR_OFFICER))
    return user


def new_notice_data(client, **overrides):
    data = admin_form_data(client.get(ADD))
    data.update(
        title_en="Passport office closed",
        slug="passport-office-closed",
        body_en="<p>Closed on Friday.</p>",
        severity=Severity.IMPORTANT,
        **overrides,
    )
    return data


def test_editors_write_drafts_but_cannot_publish(editor, editor_client):
    response = editor_client.post(ADD, new_notice_data(editor_client, status="published"))
    assert response.status_code == 200  # the form again, with the refusal
    assert not Notice.objects.exists()

    response = editor_client.post(ADD, new_notice_data(editor_client, status="draft"))
    assert response.status_code == 302
    notice = Notice.objects.get()
    with pytest.raises(PermissionDenied):
        services.item_publish(item=notice, by=editor)


def test_consular_officers_publish_and_withdraw_notices(consul):
    client = verified_client(consul)
    response = client.post(ADD, new_notice_data(client, status="published"))
    assert response.status_code == 302
    notice = Notice.objects.get()
    assert notice.is_public

    services.item_withdraw(item=notice, by=consul, reason="Issued in error.")
    notice.refresh_from_db()
    assert notice.status == PublicationStatus.WITHDRAWN
    assert not Notice.objects.published().exists()


def test_every_save_is_in_the_history(publisher, publisher_client):
    notice = NoticeFactory()
    services.item_publish(item=notice, by=publisher)

    response = publisher_client.get(f"/admin/notices/notice/{notice.pk}/history/")

    assert response.status_code == 200
    assert "Published" in response.content.decode()


def test_staff_see_counts_of_subscribers_and_only_superusers_the_addresses(consul, staff_client):
    from accounts.models import SecurityEvent
    from notices.models import Subscription

    Subscription.objects.create(email="reader@example.org", emergency_alerts=True)
    counts = verified_client(consul).get("/admin/notices/subscription/")
    listing = staff_client.get("/admin/notices/subscription/")

    assert counts.status_code == 200
    assert "reader@example.org" not in counts.content.decode()
    assert "reader@example.org" in listing.content.decode()
    assert SecurityEvent.objects.filter(kind="subscribers_viewed").count() == 1
