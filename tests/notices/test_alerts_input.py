"""Sign-up abuse and bad input: the same answer whether or not an address is
subscribed, limits per client and per address, confirmations at most every
ten minutes, unconfirmed addresses deleted after seven days, forged and
expired links, hostile addresses and header injection. Tasks run at once
here (the immediate backend) into Django's test outbox; the worker and a
real SMTP server are in test_alerts_worker.py."""

import datetime
import email
import email.policy

import pytest
from django.core import mail, signing
from django.utils import timezone

from notices.alerts import tasks, tokens
from notices.alerts.views import LIMIT_PER_CLIENT
from notices.models import Delivery, Dispatch, DispatchKind, Subscription
from tests.factories import ReleaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tasks_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


def sign_up(client, capture, address="reader@example.org", ip="203.0.113.5", **choices):
    data = {"email": address, "language": "en", "frequency": "immediate", **choices}
    data.setdefault("emergency_alerts", "on")
    with capture(execute=True):
        return client.post("/en/subscribe/", data, REMOTE_ADDR=ip)


def parsed(message):
    """The message as it goes on the wire, read back by Python's parser."""
    return email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)


def test_the_answer_is_the_same_whether_or_not_the_address_is_subscribed(
    client, django_capture_on_commit_callbacks
):
    Subscription.objects.create(
        email="known@example.org", emergency_alerts=True, confirmed_at=timezone.now()
    )
    known = sign_up(client, django_capture_on_commit_callbacks, "known@example.org")
    unknown = sign_up(client, django_capture_on_commit_callbacks, "new@example.org")

    assert known.status_code == unknown.status_code == 200
    assert known.content == unknown.content
    # The known address is told it is subscribed; its choices are unchanged.
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "Confirm" not in subjects["known@example.org"]
    assert "Confirm" in subjects["new@example.org"]


def test_only_the_address_the_choices_and_the_times_are_stored(
    client, django_capture_on_commit_callbacks
):
    sign_up(client, django_capture_on_commit_callbacks, "Reader@Example.ORG")
    subscription = Subscription.objects.get()
    assert subscription.email == "Reader@example.org"
    stored = {field.name for field in Subscription._meta.concrete_fields}
    assert stored == {
        "id",
        "email",
        "language",
        "frequency",
        "all_releases",
        "release_kinds",
        "consular_notices",
        "emergency_alerts",
        "confirmed_at",
        "confirmation_sent_at",
    }


def test_one_confirmation_per_address_every_ten_minutes(
    client, clock, django_capture_on_commit_callbacks
):
    for _ in range(2):
        sign_up(client, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    clock.tick(minutes=11)
    sign_up(client, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2


def test_sign_ups_are_limited_per_client_address(client, django_capture_on_commit_callbacks):
    for number in range(LIMIT_PER_CLIENT):
        response = sign_up(client, django_capture_on_commit_callbacks, f"r{number}@example.org")
        assert response.status_code == 200
    response = sign_up(client, django_capture_on_commit_callbacks, "one-more@example.org")
    assert response.status_code == 429
    assert not Subscription.objects.filter(email="one-more@example.org").exists()


def test_sign_ups_are_limited_per_e_mail_address(client, clock, django_capture_on_commit_callbacks):
    for number in range(6):
        clock.tick(minutes=11)
        response = sign_up(client, django_capture_on_commit_callbacks, ip=f"198.51.100.{number}")
        assert response.status_code == 200
    assert len(mail.outbox) == 3  # LIMIT_PER_ADDRESS


def test_unconfirmed_addresses_are_deleted_after_seven_days(
    client, clock, django_capture_on_commit_callbacks
):
    sign_up(client, django_capture_on_commit_callbacks)
    clock.tick(days=7, minutes=1)
    tasks.purge_unconfirmed()
    assert not Subscription.objects.exists()


def test_a_confirmation_link_works_for_seven_days_only(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    sign_up(client, django_capture_on_commit_callbacks)
    subscription = Subscription.objects.get()
    token = tokens.make_token(subscription, tokens.CONFIRM)
    later = signing.time.time() + 8 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: later)

    response = client.get(f"/en/subscribe/confirm/{token}/")

    assert response.status_code == 400
    assert "expired" in response.content.decode()
    subscription.refresh_from_db()
    assert not subscription.is_confirmed


@pytest.mark.parametrize("view", ["confirm", "manage", "unsubscribe"])
def test_forged_links_change_nothing(client, view):
    subscription = Subscription.objects.create(email="a@example.org", emergency_alerts=True)
    genuine = tokens.make_token(
        subscription, tokens.CONFIRM if view == "confirm" else tokens.MANAGE
    )
    other_purpose = tokens.make_token(
        subscription, tokens.MANAGE if view == "confirm" else tokens.CONFIRM
    )
    for token in ["forged", genuine[:-2] + "xx", other_purpose, genuine[5:]]:
        response = client.post(f"/en/subscribe/{view}/{token}/", {"unsubscribe": "1"})
        if view == "confirm":
            response = client.get(f"/en/subscribe/{view}/{token}/")
        assert response.status_code == 400, token
    subscription.refresh_from_db()
    assert not subscription.is_confirmed
    assert mail.outbox == []


def test_a_link_of_a_deleted_subscription_does_not_work_for_a_new_one(client):
    old = Subscription.objects.create(email="a@example.org", emergency_alerts=True)
    token = tokens.make_token(old, tokens.MANAGE)
    old.delete()
    Subscription.objects.create(email="a@example.org", emergency_alerts=True)

    assert client.post(f"/en/subscribe/unsubscribe/{token}/").status_code == 400
    assert Subscription.objects.exists()


HOSTILE_ADDRESSES = [
    "reader@example.org\r\nBcc: everyone@example.net",
    "reader@example.org\nSubject: spam",
    "reader@example.org, victim@example.net",
    "Reader <reader@example.org>",
    '"quoted\\"local"@example.org',
    "reader@example.org%0d%0aBcc:x@example.net",
    "<script>alert(1)</script>@example.org",
    "reader@@example.org",
    "reader@-example.org",
    "a" * 250 + "@example.org",
    "reader\x00@example.org",
    "",
]


@pytest.mark.parametrize("address", HOSTILE_ADDRESSES)
def test_hostile_addresses_get_a_clear_message_and_nothing_is_sent(
    client, address, django_capture_on_commit_callbacks
):
    response = sign_up(client, django_capture_on_commit_callbacks, address)

    assert response.status_code == 400
    page = response.content.decode()
    assert '<p class="error" role="alert">' in page
    assert not Subscription.objects.exists()
    assert mail.outbox == []


def test_no_choice_at_all_is_a_clear_message(client, django_capture_on_commit_callbacks):
    data = {"email": "reader@example.org", "language": "en", "frequency": "immediate"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/subscribe/", data)
    assert response.status_code == 400
    assert "Choose at least one kind of alert." in response.content.decode()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "field", ["title_en", "summary_en", "body_en", "place_en", "source_name_en"]
)
def test_line_breaks_in_texts_never_become_headers(field):
    hostile = "Visit\r\nBcc: everyone@example.net\r\nX-Injected: yes"
    release = ReleaseFactory(published=True, **{field: hostile})
    subscription = Subscription.objects.create(
        email="reader@example.org", all_releases=True, confirmed_at=timezone.now()
    )
    dispatch = Dispatch.objects.create(
        key="test", item=release, kind=DispatchKind.NEW, state="sent"
    )

    tasks.deliver.call(dispatch.pk, subscription.pk)

    (message,) = mail.outbox
    wire = parsed(message)
    assert wire["Bcc"] is None and wire["X-Injected"] is None
    assert message.recipients() == ["reader@example.org"]
    assert "\n" not in wire["Subject"]
    assert Delivery.objects.count() == 1


def test_a_retried_delivery_sends_one_copy():
    release = ReleaseFactory(published=True)
    subscription = Subscription.objects.create(
        email="reader@example.org", all_releases=True, confirmed_at=timezone.now()
    )
    dispatch = Dispatch.objects.create(key="k", item=release, kind=DispatchKind.NEW, state="sent")

    tasks.deliver.call(dispatch.pk, subscription.pk)
    tasks.deliver.call(dispatch.pk, subscription.pk)

    assert len(mail.outbox) == 1


def test_a_failed_delivery_is_retried_later_with_growing_pauses(settings, monkeypatch, clock):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 19159, "timeout": 1},  # nothing listens
        }
    }
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    release = ReleaseFactory(published=True)
    subscription = Subscription.objects.create(
        email="reader@example.org", all_releases=True, confirmed_at=timezone.now()
    )
    dispatch = Dispatch.objects.create(key="k", item=release, kind=DispatchKind.NEW, state="sent")
    from django_tasks_db.models import DBTaskResult

    assert tasks.deliver.call(dispatch.pk, subscription.pk) == "retry"
    retry = DBTaskResult.objects.get()
    assert retry.run_after == clock.now + datetime.timedelta(minutes=1)
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert not Delivery.objects.exists()  # free to be sent by the retry
    assert tasks.backoff(3) == datetime.timedelta(minutes=16)


@pytest.mark.parametrize("field", ["title_en", "summary_en", "audience_en"])
def test_line_breaks_in_notice_texts_never_become_headers(field):
    from tests.factories import NoticeFactory

    notice = NoticeFactory(
        published=True, emergency=True, **{field: "Flood\r\nBcc: everyone@example.net"}
    )
    subscription = Subscription.objects.create(
        email="reader@example.org", emergency_alerts=True, confirmed_at=timezone.now()
    )
    dispatch = Dispatch.objects.create(key="n", item=notice, kind=DispatchKind.NEW, state="sent")

    tasks.deliver.call(dispatch.pk, subscription.pk)

    wire = parsed(mail.outbox[0])
    assert wire["Bcc"] is None
    assert wire["Subject"].startswith("EMERGENCY: ")
    assert "\n" not in wire["Subject"]


def test_the_manage_page_changes_the_choices_without_an_account(client):
    subscription = Subscription.objects.create(
        email="reader@example.org", emergency_alerts=True, confirmed_at=timezone.now()
    )
    url = f"/en/subscribe/manage/{tokens.make_token(subscription, tokens.MANAGE)}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "reader@example.org" in page.content.decode()

    response = client.post(
        url,
        {"consular_notices": "on", "language": "hi", "frequency": "daily", "save": "1"},
    )

    assert response.status_code == 200
    subscription.refresh_from_db()
    assert (subscription.consular_notices, subscription.emergency_alerts) == (True, False)
    assert (subscription.language, subscription.frequency) == ("hi", "daily")

    client.post(url, {"unsubscribe": "1"})
    assert not Subscription.objects.exists()
