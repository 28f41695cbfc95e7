"""The one rule of the public site: drafts, items in review, scheduled items
before their second and unpublished items appear nowhere, and scheduled
items appear at their second, on every public output that exists."""

import datetime

import pytest
from django.urls import reverse

from releases.filters import ReleaseFilter, release_years
from releases.models import PublicationState, PublicationStatus, Release
from tests.factories import (
    UNLISTED_STATES,
    EventFactory,
    EventParticipantFactory,
    ReleaseFactory,
    SpeakerFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

# The withdrawn state has its own tests: its page stays readable.
HIDDEN_STATES = {name: traits for name, traits in UNLISTED_STATES.items() if name != "withdrawn"}


@pytest.fixture
def world():
    """A public release and a public event, with a speaker and a topic."""
    speaker = SpeakerFactory(name_en="Visible Speaker", slug="visible-speaker")
    topic = TopicFactory(name_en="Visible topic", slug="visible-topic")
    event = EventFactory(published=True, upcoming=True, title_en="Visible event", slug="visible")
    release = ReleaseFactory(
        published=True,
        title_en="Visible release",
        speakers=[speaker],
        topics=[topic],
        event=event,
        date=datetime.date(2018, 2, 16),
    )
    return {"speaker": speaker, "topic": topic, "event": event, "release": release}


def hidden_release(world, **traits):
    return ReleaseFactory(
        title_en="Secret release",
        slug="secret",
        date=datetime.date(2017, 5, 5),
        speakers=[world["speaker"]],
        topics=[world["topic"]],
        event=world["event"],
        **traits,
    )


def public_pages(world):
    return [
        reverse("home"),
        reverse("releases:index"),
        reverse("releases:year", kwargs={"year": 2017}),
        reverse("releases:index") + "?speaker=visible-speaker",
        world["speaker"].get_absolute_url(),
        world["topic"].get_absolute_url(),
        world["event"].get_absolute_url(),
    ]


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_releases_appear_on_no_public_page(client, world, state):
    release = hidden_release(world, **HIDDEN_STATES[state])
    for url in public_pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Secret release" not in response.text, url
    assert client.get(reverse("releases:index")).text.count("Visible release") >= 1
    assert client.get(release.get_absolute_url()).status_code in (404, 410)


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_releases_are_not_counted(client, world, state):
    hidden_release(world, **HIDDEN_STATES[state])
    speakers = client.get(reverse("releases:speakers"))
    assert [s.release_count for s in speakers.context["object_list"]] == [1]
    assert client.get(reverse("releases:index")).context["paginator"].count == 1
    # Its year (2017) is offered nowhere, since only 2018 has a public release.
    assert [year for year, _label in release_years()] == [2018]


def test_speakers_with_only_hidden_releases_are_not_listed(client, world):
    loner = SpeakerFactory(name_en="Hidden Speaker", slug="hidden-speaker")
    ReleaseFactory(scheduled=True, speakers=[loner])
    assert "Hidden Speaker" not in client.get(reverse("releases:speakers")).text
    # Not yet announced: no page and no feed until a release or event is public.
    assert client.get(loner.get_absolute_url()).status_code == 404
    assert client.get(reverse("releases:speaker-feed-atom", args=[loner.slug])).status_code == 404


def test_a_speaker_at_a_public_event_has_a_page(client, world):
    guest = SpeakerFactory(name_en="Guest Speaker", slug="guest")
    EventParticipantFactory(event=EventFactory(published=True), speaker=guest)
    assert client.get(guest.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("traits", [{}, {"scheduled": True}, {"unpublished": True}])
def test_hidden_events_appear_nowhere(client, world, traits):
    event = EventFactory(upcoming=True, title_en="Secret event", slug="secret-event", **traits)
    EventParticipantFactory(event=event, speaker=world["speaker"])
    for url in [reverse("home"), reverse("releases:events"), world["speaker"].get_absolute_url()]:
        assert "Secret event" not in client.get(url).text, url
    assert client.get(event.get_absolute_url()).status_code in (404, 410)


def test_withdrawn_release_is_readable_but_not_listed(client, world):
    release = hidden_release(world, withdrawn=True)
    for url in public_pages(world):
        assert "Secret release" not in client.get(url).text, url
    response = client.get(release.get_absolute_url())
    assert response.status_code == 200
    assert "This statement was issued in error." in response.text


def test_a_scheduled_release_goes_live_at_its_second(client, clock, world):
    go_live = clock.now + datetime.timedelta(seconds=30)
    release = hidden_release(world, status=PublicationStatus.PUBLISHED, published_at=go_live)
    listing = Release.objects.published()  # built before the time: must not freeze "now"

    clock.set(go_live - datetime.timedelta(seconds=1))
    assert release.state == PublicationState.SCHEDULED
    assert client.get(release.get_absolute_url()).status_code == 404
    assert "Secret release" not in client.get(reverse("releases:index")).text
    assert release not in listing.all()

    clock.set(go_live)
    assert release.state == PublicationState.PUBLISHED
    assert client.get(release.get_absolute_url()).status_code == 200
    for url in public_pages(world):
        if url != reverse("releases:year", kwargs={"year": 2018}):
            assert "Secret release" in client.get(url).text, url
    assert release in listing.all()
    assert 2017 in [year for year, _label in release_years()]


def test_publication_ends_at_its_second(client, clock, world):
    end = clock.now + datetime.timedelta(seconds=30)
    release = hidden_release(world, published=True, unpublish_at=end)
    clock.set(end - datetime.timedelta(seconds=1))
    assert client.get(release.get_absolute_url()).status_code == 200
    clock.set(end)
    assert client.get(release.get_absolute_url()).status_code == 410
    assert "Secret release" not in client.get(reverse("releases:index")).text


def test_a_scheduled_event_goes_live_at_its_second(client, clock):
    go_live = clock.now + datetime.timedelta(seconds=5)
    event = EventFactory(
        upcoming=True, title_en="Future event", status="published", published_at=go_live
    )
    clock.set(go_live - datetime.timedelta(seconds=1))
    assert "Future event" not in client.get(reverse("releases:events")).text
    assert client.get(event.get_absolute_url()).status_code == 404
    clock.set(go_live)
    assert "Future event" in client.get(reverse("releases:events")).text
    assert client.get(event.get_absolute_url()).status_code == 200


def test_filter_choices_built_at_import_follow_the_clock(clock):
    """The filter's querysets are built once, at import; they must not keep
    the "now" of that moment."""
    speaker = SpeakerFactory(name_en="Late speaker", slug="late")
    go_live = clock.now + datetime.timedelta(seconds=5)
    ReleaseFactory(status="published", published_at=go_live, speakers=[speaker])
    event = EventFactory(status="published", published_at=go_live, slug="late-event")

    def choices(name):
        return {str(label) for _value, label in ReleaseFilter().form.fields[name].choices}

    assert "Late speaker" not in choices("speaker")
    assert event.title not in choices("event")
    clock.set(go_live)
    assert "Late speaker" in choices("speaker")
    assert event.title in choices("event")
