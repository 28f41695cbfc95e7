"""Every public page runs at most five queries once its fragments are kept
(embassy/fragments.py), however many items the site holds: the first visit
after a change fills them, every later one reads them."""

import pytest

from releases import pagination
from tests.factories import (
    EventFactory,
    EventParticipantFactory,
    ReleaseFactory,
    SpeakerFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db
BUDGET = 5

PAGES = [
    "/en/",
    "/en/releases/",
    "/en/releases/?page=3",
    "/en/releases/?speaker={speaker}&topic={topic}",
    "/en/releases/?kind=speech&year=2018",
    "{release}",
    "/en/speakers/{speaker}/",
    "/en/events/{event}/",
    "/en/topics/{topic}/",
    "/en/search/?q=cooperation",
    "/en/contacts/",
    "/sitemap-releases.xml",
]


def add_items(count, speaker, topic, event):
    for _ in range(count):
        ReleaseFactory(
            published=True,
            speakers=[speaker, SpeakerFactory()],
            topics=[topic, TopicFactory()],
            event=event,
            title_en="Talks on cooperation",
        )
        EventParticipantFactory(event=event, speaker=SpeakerFactory())
        EventFactory(published=True)


@pytest.mark.parametrize("url", PAGES)
def test_a_page_keeps_within_five_queries_however_many_items(
    client, count_queries, monkeypatch, url
):
    monkeypatch.setattr(pagination, "SHALLOW_PAGES", 1)  # page 3 seeks
    speaker, topic, event = SpeakerFactory(), TopicFactory(), EventFactory(published=True)
    add_items(30, speaker, topic, event)
    release = ReleaseFactory(published=True, speakers=[speaker], topics=[topic])
    address = url.format(
        speaker=speaker.slug, topic=topic.slug, event=event.slug, release=release.get_absolute_url()
    )

    def warm_count():
        assert client.get(address).status_code == 200  # fills the fragments
        return count_queries(lambda: client.get(address))

    few = warm_count()
    add_items(15, speaker, topic, event)
    assert warm_count() == few <= BUDGET
