"""Publishing a release whose event is not public: the publisher is asked,
and may publish both in one step if allowed to publish events."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from releases.models import Event, PublicationStatus, Release
from releases.workflow import services
from releases.workflow.roles import EDITOR
from tests.accounts_support import verified_client
from tests.factories import EventFactory, ReleaseFactory

from .conftest import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def release():
    """A draft speech at an event made with it, still a draft too."""
    event = EventFactory(title_en="Wreath-laying ceremony", slug="wreath-laying")
    return ReleaseFactory(title_en="Remarks at the ceremony", event=event)


@pytest.fixture
def release_publisher_client(django_user_model):
    """May publish releases, but not events."""
    user = django_user_model.objects.create_user("releases-only", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR))
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["publish_release", "delete_release"])
    )
    client = verified_client(user)
    return client


def change_url(release):
    return reverse("admin:releases_release_change", args=[release.pk])


def publish_in_form(client, release, **choice):
    url = change_url(release)
    data = admin_form_data(client.get(url), status="published", **choice)
    return client.post(url, data)


def status_of(item):
    return type(item).objects.get(pk=item.pk).status


def event_question(response):
    return response.context["adminform"].form.errors.get("event_publishing", [])


def test_publishing_a_release_with_a_draft_event_asks_about_the_event(publisher_client, release):
    response = publish_in_form(publisher_client, release)

    assert response.status_code == 200
    (question,) = event_question(response)
    assert "The event “Wreath-laying ceremony” is not public (Draft)" in question
    assert "Publish the event too, together with the release" in response.text
    assert status_of(release) == status_of(release.event) == PublicationStatus.DRAFT


def test_the_add_form_asks_about_an_event_made_with_the_release(publisher_client):
    event = EventFactory(title_en="Made with the green plus")
    add_url = reverse("admin:releases_release_add")
    data = admin_form_data(
        publisher_client.get(add_url),
        title_en="A new speech",
        slug="a-new-speech",
        date="2018-02-16",
        event=str(event.pk),
        status="published",
    )

    response = publisher_client.post(add_url, data)

    assert response.status_code == 200
    assert "Made with the green plus" in event_question(response)[0]
    assert not Release.objects.exists()


def test_a_publisher_publishes_the_release_and_its_event_in_one_step(
    publisher_client, client, release
):
    response = publish_in_form(publisher_client, release, event_publishing="with-release")

    assert response.status_code == 302
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert "The event “Wreath-laying ceremony” was published with the release." in messages
    release.refresh_from_db()
    assert release.is_public and release.event.is_public
    page = client.get(release.get_absolute_url())
    assert f'href="{release.event.get_absolute_url()}"' in page.text
    assert client.get(release.event.get_absolute_url()).status_code == 200


def test_publishing_the_release_only_says_the_event_stays_unpublished(publisher_client, release):
    response = publish_in_form(publisher_client, release, event_publishing="release-only")

    assert response.status_code == 302
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert (
        "The event “Wreath-laying ceremony” is not public: the release page does not name it."
        in messages
    )
    assert status_of(release) == PublicationStatus.PUBLISHED
    assert status_of(release.event) == PublicationStatus.DRAFT


def test_a_scheduled_release_schedules_its_event_for_the_same_time(publisher_client, release):
    at = timezone.localtime() + datetime.timedelta(days=2)
    url = change_url(release)
    data = admin_form_data(
        publisher_client.get(url),
        status="published",
        published_at_0=at.date().isoformat(),
        published_at_1=at.strftime("%H:%M:%S"),
        event_publishing="with-release",
    )

    assert publisher_client.post(url, data).status_code == 302
    release.refresh_from_db()
    assert release.event.status == PublicationStatus.PUBLISHED
    assert release.event.published_at == release.published_at
    assert not release.event.is_public


def test_an_editor_cannot_publish_the_event_through_the_release_form(editor_client, release):
    response = publish_in_form(editor_client, release, event_publishing="with-release")

    assert response.status_code == 200
    assert status_of(release) == status_of(release.event) == PublicationStatus.DRAFT


def test_a_publisher_of_releases_only_is_told_to_ask_for_the_event(
    release_publisher_client, release
):
    response = publish_in_form(release_publisher_client, release)

    assert "Only a publisher of events can publish it" in event_question(response)[0]
    assert "Publish the event too" not in response.text


def test_a_publisher_of_releases_only_cannot_publish_the_event_by_a_hand_made_post(
    release_publisher_client, release
):
    response = publish_in_form(release_publisher_client, release, event_publishing="with-release")

    assert response.status_code == 200
    assert "Select a valid choice" in event_question(response)[0]
    assert status_of(release) == status_of(release.event) == PublicationStatus.DRAFT


def test_the_service_refuses_the_event_to_a_publisher_of_releases_only(release, django_user_model):
    user = django_user_model.objects.create_user("releases-only")
    user.user_permissions.add(*Permission.objects.filter(codename="publish_release"))

    with pytest.raises(PermissionDenied):
        services.item_publish_with_event(item=release, by=user)

    assert status_of(release) == status_of(release.event) == PublicationStatus.DRAFT


def run_action(client, action, *releases):
    return client.post(
        reverse("admin:releases_release_changelist"),
        {"action": action, "_selected_action": [str(item.pk) for item in releases]},
        follow=True,
    )


def test_the_publish_now_action_warns_about_events_left_unpublished(publisher_client, release):
    response = run_action(publisher_client, "publish_now", release)

    assert status_of(release) == PublicationStatus.PUBLISHED
    assert "This event is not public, so the release page does not name it" in response.text
    assert "Wreath-laying ceremony" in response.text


def test_the_action_publishes_releases_with_their_events(publisher_client, release):
    other = ReleaseFactory(event=EventFactory(in_review=True))

    run_action(publisher_client, "publish_with_events", release, other)

    published = Event.objects.filter(status=PublicationStatus.PUBLISHED)
    assert set(published) == {release.event, other.event}
    assert Release.objects.filter(status=PublicationStatus.PUBLISHED).count() == 2


def test_the_action_publishes_neither_when_the_event_may_not_be_published(
    release_publisher_client, release
):
    response = run_action(release_publisher_client, "publish_with_events", release)

    assert "Only a publisher of events can publish the event." in response.text
    assert status_of(release) == status_of(release.event) == PublicationStatus.DRAFT
