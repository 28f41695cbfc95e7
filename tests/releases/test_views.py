import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.discovery.helpers import jsonld
from tests.factories import (
    AttachmentFactory,
    EventFactory,
    EventParticipantFactory,
    ReleaseFactory,
    SpeakerFactory,
    TopicFactory,
    png_file,
)

pytestmark = pytest.mark.django_db


def test_bare_address_redirects_to_a_language(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


class TestHome:
    def test_shows_latest_public_releases_and_upcoming_events(self, client):
        ReleaseFactory(published=True, title_en="Greetings on Diplomats' Day")
        ReleaseFactory(title_en="Unfinished draft")
        EventFactory(published=True, upcoming=True, title_en="Russia Day reception")
        response = client.get("/en/")
        assert response.status_code == 200
        assert "Greetings on Diplomats&#x27; Day" in response.text
        assert "Unfinished draft" not in response.text
        assert "Russia Day reception" in response.text

    def test_public_pages_are_cacheable_and_set_no_cookie(self, client):
        response = client.get("/en/")
        assert "public" in response["Cache-Control"]
        assert "max-age=" in response["Cache-Control"]
        assert not response.cookies


class TestReleaseList:
    def test_newest_first(self, client):
        older = ReleaseFactory(published=True, date=datetime.date(2018, 2, 9))
        newer = ReleaseFactory(published=True, date=datetime.date(2018, 2, 16))
        response = client.get("/en/releases/")
        assert list(response.context["object_list"]) == [newer, older]

    def test_drafts_and_scheduled_releases_are_not_listed(self, client):
        ReleaseFactory(title_en="Draft text")
        ReleaseFactory(scheduled=True, title_en="Tomorrow's text")
        response = client.get("/en/releases/")
        assert "Draft text" not in response.text
        assert "Tomorrow" not in response.text

    def test_filters_by_kind_speaker_topic_event_and_year(self, client):
        lavrov = SpeakerFactory(slug="sergey-lavrov")
        topic = TopicFactory(slug="brics")
        event = EventFactory(published=True, slug="consultations")
        match = ReleaseFactory(
            published=True,
            kind="speech",
            speakers=[lavrov],
            topics=[topic],
            event=event,
            date=datetime.date(2018, 2, 10),
        )
        ReleaseFactory(published=True, kind="speech", date=datetime.date(2018, 2, 10))
        ReleaseFactory(published=True, kind="news", speakers=[lavrov], topics=[topic])
        query = "kind=speech&speaker=sergey-lavrov&topic=brics&event=consultations&year=2018"
        response = client.get(f"/en/releases/?{query}")
        assert list(response.context["object_list"]) == [match]

    def test_date_range(self, client):
        inside = ReleaseFactory(published=True, date=datetime.date(2018, 2, 10))
        ReleaseFactory(published=True, date=datetime.date(2018, 3, 1))
        response = client.get("/en/releases/?date_from=2018-02-01&date_to=2018-02-28")
        assert list(response.context["object_list"]) == [inside]

    def test_filter_state_survives_pagination(self, client):
        ReleaseFactory.create_batch(12, published=True, kind="speech")
        response = client.get("/en/releases/?kind=speech")
        assert 'href="?kind=speech&amp;page=2"' in response.text
        page_two = client.get("/en/releases/?kind=speech&page=2")
        assert len(page_two.context["object_list"]) == 2

    @pytest.mark.parametrize(
        "query",
        [
            "speaker=nobody",
            "kind=poem",
            "year=abc",
            "year=99999999999999999999",
            "date_from=2018-02-31",
            "date_to=not-a-date",
            "event=%00",
            "topic=" + "x" * 10_000,
            "kind=%F0%9F%98%80%E2%80%AE",
        ],
    )
    def test_unknown_filter_values_are_ignored_with_a_message(self, client, query):
        release = ReleaseFactory(published=True)
        response = client.get(f"/en/releases/?{query}")
        assert response.status_code == 200
        assert list(response.context["object_list"]) == [release]
        assert "have been ignored" in response.text

    @pytest.mark.parametrize("page", ["99", "abc", "-1", "0", "1e3"])
    def test_page_past_the_end_or_not_a_number_is_404(self, client, page):
        ReleaseFactory(published=True)
        assert client.get(f"/en/releases/?page={page}").status_code == 404

    def test_year_archive(self, client):
        in_year = ReleaseFactory(published=True, date=datetime.date(2017, 12, 14))
        ReleaseFactory(published=True, date=datetime.date(2018, 2, 10))
        response = client.get("/en/releases/2017/")
        assert list(response.context["object_list"]) == [in_year]
        assert "Releases of 2017" in response.text

    def test_list_runs_a_constant_number_of_queries(self, client, count_queries):
        def make(count):
            for _ in range(count):
                ReleaseFactory(
                    published=True,
                    speakers=[SpeakerFactory(), SpeakerFactory()],
                    topics=[TopicFactory()],
                    event=EventFactory(published=True),
                )

        make(2)
        few = count_queries(lambda: client.get("/en/releases/"))
        make(8)
        assert count_queries(lambda: client.get("/en/releases/")) == few


class TestReleaseDetail:
    def test_shows_everything_a_reader_needs(self, client):
        lavrov = SpeakerFactory(name_en="Sergey Lavrov", slug="sergey-lavrov")
        event = EventFactory(published=True, title_en="Diplomats' Day", slug="diplomats-day")
        topic = TopicFactory(name_en="Diplomatic service", slug="diplomatic-service")
        release = ReleaseFactory(
            published=True,
            kind="greetings",
            title_en="Greetings on Diplomats' Day",
            place_en="Moscow",
            date=datetime.date(2018, 2, 10),
            speakers=[lavrov],
            topics=[topic],
            event=event,
            source_name_en="Official website of the President of Russia",
            source_url="http://kremlin.ru/",
        )
        AttachmentFactory(release=release, title_en="Full text")
        response = client.get(release.get_absolute_url())
        assert response.status_code == 200
        text = response.text
        assert "Moscow, 10 February 2018" in text
        assert 'href="/en/speakers/sergey-lavrov/"' in text
        assert 'href="/en/events/diplomats-day/"' in text
        assert 'href="/en/topics/diplomatic-service/"' in text
        assert "Source:" in text and "Official website of the President of Russia" in text
        assert "Full text" in text and "(PDF," in text
        assert "Greetings or message" in text

    def test_draft_is_404(self, client):
        release = ReleaseFactory()
        assert client.get(release.get_absolute_url()).status_code == 404

    def test_impossible_date_is_404(self, client):
        assert client.get("/en/releases/2018/02/31/anything/").status_code == 404
        assert client.get("/en/releases/2018/13/01/anything/").status_code == 404

    def test_wrong_date_for_the_slug_is_404(self, client):
        release = ReleaseFactory(published=True, slug="greetings", date=datetime.date(2018, 2, 10))
        assert client.get(release.get_absolute_url()).status_code == 200
        assert client.get("/en/releases/2018/02/11/greetings/").status_code == 404

    def test_previous_and_next(self, client):
        first = ReleaseFactory(published=True, date=datetime.date(2018, 2, 9))
        middle = ReleaseFactory(published=True, date=datetime.date(2018, 2, 10))
        last = ReleaseFactory(published=True, date=datetime.date(2018, 2, 16))
        ReleaseFactory(date=datetime.date(2018, 2, 12))  # a draft in between is skipped
        response = client.get(middle.get_absolute_url())
        assert response.context["previous_release"] == first
        assert response.context["next_release"] == last

    def test_hostile_html_in_plain_fields_is_escaped(self, client):
        release = ReleaseFactory(
            published=True,
            title_en='<script>alert("t")</script>',
            summary_en="<img src=x onerror=alert(1)>",
            place_en="<b>Moscow</b>",
        )
        text = client.get(release.get_absolute_url()).text
        assert "<script>alert" not in text
        assert "<img src=x" not in text
        assert "&lt;script&gt;" in text
        assert "<b>Moscow</b>" not in text


class TestSpeakersEventsTopics:
    def test_speaker_page_lists_only_public_releases(self, client):
        speaker = SpeakerFactory(slug="sergey-lavrov")
        ReleaseFactory(published=True, speakers=[speaker], title_en="Public remarks")
        ReleaseFactory(speakers=[speaker], title_en="Draft remarks")
        response = client.get("/en/speakers/sergey-lavrov/")
        assert response.status_code == 200
        assert "Public remarks" in response.text
        assert "Draft remarks" not in response.text

    def test_speaker_list_counts_public_releases_only(self, client):
        speaker = SpeakerFactory(name_en="Sergey Lavrov")
        ReleaseFactory.create_batch(2, published=True, speakers=[speaker])
        ReleaseFactory(speakers=[speaker])
        SpeakerFactory(name_en="Nobody Yet")
        response = client.get("/en/speakers/")
        assert "Sergey Lavrov" in response.text
        assert "(2 releases)" in response.text
        assert "Nobody Yet" not in response.text

    def test_unknown_speaker_is_404(self, client):
        assert client.get("/en/speakers/nobody/").status_code == 404

    def test_event_page_shows_participants_and_releases(self, client):
        event = EventFactory(
            published=True,
            slug="consultations",
            start_date=datetime.date(2018, 2, 15),
            end_date=datetime.date(2018, 2, 16),
        )
        EventParticipantFactory(
            event=event,
            speaker=SpeakerFactory(name_en="Oleg Khramov"),
            role_en="Head of delegation",
        )
        ReleaseFactory(published=True, event=event, title_en="Second round held")
        response = client.get("/en/events/consultations/")
        assert "Oleg Khramov" in response.text
        assert "Head of delegation" in response.text
        assert "Second round held" in response.text
        assert "15 February 2018" in response.text and "16 February 2018" in response.text

    def test_draft_event_is_404(self, client):
        event = EventFactory()
        assert client.get(event.get_absolute_url()).status_code == 404

    def test_events_list_upcoming_first_then_past(self, client):
        EventFactory(published=True, upcoming=True, title_en="Coming soon")
        EventFactory(published=True, title_en="Long ago")
        EventFactory(upcoming=True, title_en="Secret draft")
        text = client.get("/en/events/").text
        assert text.index("Coming soon") < text.index("Long ago")
        assert "Secret draft" not in text

    def test_topic_page(self, client):
        topic = TopicFactory(slug="brics", name_en="BRICS")
        ReleaseFactory(published=True, topics=[topic], title_en="Summit briefing")
        response = client.get(reverse("releases:topic", kwargs={"slug": "brics"}))
        assert "Summit briefing" in response.text

    @pytest.mark.parametrize(
        "url", ["/en/speakers/", "/en/events/", "/en/speakers/{speaker}/", "/en/events/{event}/"]
    )
    def test_pages_run_a_constant_number_of_queries(self, client, count_queries, url):
        speaker = SpeakerFactory()
        event = EventFactory(published=True)

        def make(count):
            for _ in range(count):
                ReleaseFactory(published=True, speakers=[speaker, SpeakerFactory()], event=event)
                EventParticipantFactory(event=event, speaker=SpeakerFactory())
                EventFactory(published=True)

        address = url.format(speaker=speaker.slug, event=event.slug)
        make(1)
        few = count_queries(lambda: client.get(address))
        make(6)
        assert count_queries(lambda: client.get(address)) == few


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_lead_image_is_served_as_a_small_rendition(client):
    release = ReleaseFactory(
        published=True, image=png_file(size=(2400, 1600)), image_alt_en="Delegations at the table"
    )
    text = client.get(release.get_absolute_url()).text
    assert 'alt="Delegations at the table"' in text
    assert release.image.url not in text  # the 2400-pixel original is never sent
    assert 'width="960" height="640"' in text
    assert ".webp 480w" in text


def test_speaker_portrait_is_cropped_to_a_small_rendition(client):
    speaker = SpeakerFactory(portrait=png_file(size=(1000, 1000)), portrait_alt_en="Portrait")
    ReleaseFactory(published=True, speakers=[speaker])
    text = client.get(speaker.get_absolute_url()).text
    assert 'width="160" height="200"' in text
    assert speaker.portrait.url not in text


def test_the_event_page_reads_its_participants_once(client):
    # Shown in the page and named in its JSON-LD: the view hands both the same rows.
    event = EventFactory(published=True)
    EventParticipantFactory.create_batch(3, event=event)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(event.get_absolute_url())

    reads = [q for q in queries.captured_queries if 'FROM "releases_eventparticipant"' in q["sql"]]
    assert len(reads) == 1
    (event_data,) = jsonld(response)
    assert len(event_data["performer"]) == 3
