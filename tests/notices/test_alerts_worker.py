"""E-mail alerts end to end: a real SMTP server, a real worker process
(`manage.py db_worker`), the site's views. Every message is parsed with
Python's `email` parser, headers included."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from notices.models import Subscription
from releases.models import ChangeNote, ReleaseKind
from releases.workflow import services
from releases.workflow.roles import PUBLISHER, grant_role_permissions
from tests.factories import NoticeFactory, ReleaseFactory, TopicFactory
from translations.templatetags.translated import fallback_label_text

from .alerts_support import link, settle, site_path, smtp_server, wait_for, worker

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def inbox():
    with smtp_server() as handler:
        yield handler


@pytest.fixture
def publisher(django_user_model):
    if not Group.objects.filter(name=PUBLISHER).exists():
        grant_role_permissions(create_groups=True)
    user = django_user_model.objects.create_user("pub", "pub@example.org", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=PUBLISHER))
    return user


def subscribe(client, inbox, address="reader@example.org", **choices):
    """Sign up through the form and follow the confirmation link."""
    data = {"email": address, "language": "en", "frequency": "immediate", **choices}
    response = client.post("/en/subscribe/", data)
    assert response.status_code == 200, response.content.decode()
    wait_for(lambda: len(inbox.messages) == 1, what="the confirmation")
    confirmation = inbox.messages.pop()
    assert confirmation["To"] == address
    assert client.get(site_path(link(confirmation, "/confirm/"))).status_code == 200
    return Subscription.objects.get(email=address)


def test_sign_up_confirm_and_get_the_matching_release_once(client, inbox, publisher):
    with worker():
        subscription = subscribe(client, inbox, release_kinds=[ReleaseKind.SPEECH])
        assert subscription.is_confirmed

        speech = ReleaseFactory(kind=ReleaseKind.SPEECH, title_en="Speech at the summit")
        services.item_publish(item=speech, by=publisher)
        other = ReleaseFactory(kind=ReleaseKind.PRESS_RELEASE, title_en="Trade fair")
        services.item_publish(item=other, by=publisher)
        wait_for(lambda: inbox.messages, what="the alert")
        # A later edit without a change note sends nothing.
        speech.title_en = "Speech at the summit (corrected)"
        speech.save()
        settle()

    (message,) = inbox.messages
    assert message["Subject"] == "Speech at the summit"
    assert message["To"] == "reader@example.org"
    assert message.get_content_type() == "multipart/alternative"
    plain = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "https://embassy.example/en/releases/" in plain
    assert "Speech at the summit" in html
    unsubscribe = message["List-Unsubscribe"]
    assert unsubscribe.startswith("<https://embassy.example/en/subscribe/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_change_note_sends_an_update(client, inbox, publisher):
    with worker():
        subscribe(client, inbox, all_releases="on")
        release = ReleaseFactory(title_en="Visa rules")
        services.item_publish(item=release, by=publisher)
        wait_for(lambda: len(inbox.messages) == 1, what="the alert")
        ChangeNote.objects.create(release=release, note_en="Fees corrected.")
        wait_for(lambda: len(inbox.messages) == 2, what="the update")

    update = inbox.messages[1]
    assert update["Subject"] == "Updated: Visa rules"
    assert "Fees corrected." in update.get_body(preferencelist=("plain",)).get_content()


def test_a_scheduled_release_is_sent_at_its_second(client, inbox, publisher):
    with worker():
        subscribe(client, inbox, all_releases="on")
        release = ReleaseFactory(title_en="Scheduled statement")
        at = timezone.now().replace(microsecond=0) + datetime.timedelta(seconds=4)
        services.item_publish(item=release, by=publisher, at=at)
        settle(2)
        assert not inbox.messages  # not before its time
        wait_for(lambda: inbox.messages, what="the scheduled alert")
        arrived = timezone.now()

    assert arrived >= at
    assert inbox.messages[0]["Subject"] == "Scheduled statement"


def test_taken_back_before_its_time_or_withdrawn_before_sending_sends_nothing(
    client, inbox, publisher
):
    with worker():
        subscribe(client, inbox, all_releases="on")
    scheduled = ReleaseFactory(title_en="Never sent")
    services.item_publish(
        item=scheduled, by=publisher, at=timezone.now() + datetime.timedelta(seconds=2)
    )
    services.item_return_to_draft(item=scheduled, by=publisher)
    # Published while no worker runs, then withdrawn before one picks it up.
    withdrawn = ReleaseFactory(title_en="Withdrawn at once")
    services.item_publish(item=withdrawn, by=publisher)
    services.item_withdraw(item=withdrawn, by=publisher, reason="Issued in error.")
    with worker():
        settle(4)

    assert inbox.messages == []


def test_daily_digest_and_emergencies_at_once(client, inbox, publisher):
    with worker():
        subscribe(
            client,
            inbox,
            frequency="daily",
            all_releases="on",
            emergency_alerts="on",
        )
        release = ReleaseFactory(title_en="Digest item")
        services.item_publish(item=release, by=publisher)
        emergency = NoticeFactory(emergency=True, title_en="Cyclone: stay indoors")
        services.item_publish(item=emergency, by=publisher)
        wait_for(lambda: inbox.messages, what="the emergency alert")
        settle()
        assert [m["Subject"] for m in inbox.messages] == ["EMERGENCY: Cyclone: stay indoors"]
        # The digest waits for its hour; bring it forward.
        wait_for(
            lambda: DBTaskResult.objects.filter(task_path__endswith="send_digest").exists(),
            what="the digest task",
        )
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        wait_for(lambda: len(inbox.messages) == 2, what="the digest")

    digest = inbox.messages[1]
    plain = digest.get_body(preferencelist=("plain",)).get_content()
    assert "Digest item" in plain
    assert "Cyclone" not in plain
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_one_click_unsubscribe_stops_everything(client, inbox, publisher):
    with worker():
        subscribe(client, inbox, consular_notices="on")
        notice = NoticeFactory(title_en="Office closed on Monday")
        services.item_publish(item=notice, by=publisher)
        wait_for(lambda: inbox.messages, what="the notice alert")
        url = inbox.messages[0]["List-Unsubscribe"].strip("<>")

        # What a mail provider sends (RFC 8058): a POST, no cookie, no token.
        response = client.post(
            site_path(url),
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200
        assert not Subscription.objects.exists()

        services.item_publish(item=NoticeFactory(title_en="Another notice"), by=publisher)
        settle()

    assert len(inbox.messages) == 1


def test_messages_are_in_the_subscribers_language_with_fallback_marked(client, inbox, publisher):
    with worker():
        subscribe(client, inbox, language="ru", topics=[TopicFactory().pk])
        subscription = Subscription.objects.get()
        topic = subscription.topics.get()
        translated = ReleaseFactory(title_en="Visit", title_ru="Визит", topics=[topic])
        services.item_publish(item=translated, by=publisher)
        wait_for(lambda: len(inbox.messages) == 1, what="the Russian alert")
        untranslated = ReleaseFactory(title_en="Only in English", topics=[topic])
        services.item_publish(item=untranslated, by=publisher)
        wait_for(lambda: len(inbox.messages) == 2, what="the fallback alert")

    russian, fallback = inbox.messages
    assert russian["Subject"] == "Визит"
    assert "/ru/releases/" in russian.get_body(preferencelist=("plain",)).get_content()
    plain = fallback.get_body(preferencelist=("plain",)).get_content()
    assert "Only in English" in plain
    with translation.override("ru"):
        label = str(fallback_label_text("en"))
    assert plain.splitlines()[0] == f"Only in English ({label})"
