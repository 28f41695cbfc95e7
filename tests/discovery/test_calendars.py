"""iCalendar files, parsed with icalendar: times and zones, all-day and
multi-day events, status, and UIDs that let calendar apps update events."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import translation

from releases.models import Event, EventKind, EventStatus
from tests.factories import EventFactory

from .helpers import parse_html

pytestmark = pytest.mark.django_db

KOLKATA = zoneinfo.ZoneInfo("Asia/Kolkata")


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"releases:{name}", kwargs=kwargs)


def calendar(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def only_event(client, event, language="en"):
    (component,) = calendar(client.get(url("event-ics", language, slug=event.slug))).events
    return component


def test_a_timed_event_is_in_the_missions_time_zone(client, settings):
    settings.TIME_ZONE = "Asia/Kolkata"
    event = EventFactory(
        published=True,
        start_date=datetime.date(2026, 12, 10),
        start_time=datetime.time(18, 30),
        end_time=datetime.time(20, 0),
    )

    response = client.get(url("event-ics", slug=event.slug))
    parsed = calendar(response)
    (component,) = parsed.events

    assert component.start == datetime.datetime(2026, 12, 10, 18, 30, tzinfo=KOLKATA)
    assert component.end == datetime.datetime(2026, 12, 10, 20, 0, tzinfo=KOLKATA)
    assert component["DTSTART"].params["TZID"] == "Asia/Kolkata"
    assert [tz["TZID"] for tz in parsed.timezones] == ["Asia/Kolkata"]
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'


def test_a_date_only_event_is_an_all_day_event(client):
    event = EventFactory(published=True, start_date=datetime.date(2026, 6, 12))

    component = only_event(client, event)

    assert component.start == datetime.date(2026, 6, 12)
    # DTEND is exclusive: a one-day event ends at the start of the next day.
    assert component.end == datetime.date(2026, 6, 13)
    assert component["DTSTART"].params["VALUE"] == "DATE"


def test_a_multi_day_event_without_times_spans_its_days(client):
    event = EventFactory(
        published=True, start_date=datetime.date(2026, 2, 27), end_date=datetime.date(2026, 3, 1)
    )

    component = only_event(client, event)

    assert component.start == datetime.date(2026, 2, 27)
    assert component.end == datetime.date(2026, 3, 2)


def test_a_multi_day_event_with_a_start_time_ends_with_its_last_day(client):
    event = EventFactory(
        published=True,
        start_date=datetime.date(2026, 2, 27),
        start_time=datetime.time(10, 0),
        end_date=datetime.date(2026, 2, 28),
    )

    component = only_event(client, event)

    assert component.end == datetime.datetime(2026, 3, 1, 0, 0, tzinfo=KOLKATA)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (EventStatus.ANNOUNCED, "CONFIRMED"),
        (EventStatus.HELD, "CONFIRMED"),
        (EventStatus.CANCELLED, "CANCELLED"),
        (EventStatus.POSTPONED, "TENTATIVE"),
        (EventStatus.TO_BE_CONFIRMED, "TENTATIVE"),
    ],
)
def test_the_status_says_whether_the_event_takes_place(client, status, expected):
    event = EventFactory(published=True, event_status=status)

    assert only_event(client, event)["STATUS"] == expected


def test_the_uid_is_stable_and_sequence_grows_with_each_change(client):
    event = EventFactory(published=True, title_en="Reception")
    before = only_event(client, event)

    Event.objects.filter(pk=event.pk).update(
        updated_at=event.updated_at + datetime.timedelta(minutes=5)
    )
    event.refresh_from_db()
    event.slug = "reception-corrected"
    event.save(update_fields=["slug"])
    after = only_event(client, event)

    assert before["UID"] == after["UID"] == f"event-{event.pk}@testserver"
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after["LAST-MODIFIED"].dt > before["LAST-MODIFIED"].dt


def test_the_event_carries_its_page_place_and_title_in_the_pages_language(client):
    event = EventFactory(
        published=True,
        title_en="National Day reception",
        title_ru="Приём по случаю Дня России",
        venue_en="Embassy",
        city_en="New Delhi",
        description_en="<p>By invitation &amp; with ID.</p>",
    )

    component = only_event(client, event, "ru")

    assert component["SUMMARY"] == "Приём по случаю Дня России"
    assert component["URL"] == f"http://testserver/ru/events/{event.slug}/"
    assert component["LOCATION"] == "Embassy, New Delhi"
    assert component["DESCRIPTION"].startswith("By invitation & with ID.")


def test_the_calendar_lists_every_public_event(client):
    EventFactory.create_batch(3, published=True)

    parsed = calendar(client.get(url("events-calendar")))

    assert len(parsed.events) == 3
    assert len({component["UID"] for component in parsed.events}) == 3
    assert parsed["X-WR-CALNAME"]


def test_the_calendar_can_be_narrowed_to_one_kind(client):
    EventFactory(published=True, kind=EventKind.VISIT, title_en="A visit")
    EventFactory(published=True, kind=EventKind.RECEPTION)

    parsed = calendar(client.get(url("events-calendar"), {"kind": "visit"}))

    assert [component["SUMMARY"] for component in parsed.events] == ["A visit"]


def test_an_unknown_kind_is_a_clear_error(client):
    response = client.get(url("events-calendar"), {"kind": "party"})

    assert response.status_code == 400
    assert "visit" in response.content.decode()


def test_an_unpublished_event_has_no_calendar_file(client):
    assert client.get(url("event-ics", slug=EventFactory().slug)).status_code == 404


def test_event_pages_and_the_event_list_link_the_calendars(client):
    event = EventFactory(published=True)

    event_page = parse_html(client.get(event.get_absolute_url()))
    list_page = parse_html(client.get(url("events")))

    assert event_page.xpath(f"//main//a[@href='{url('event-ics', slug=event.slug)}']")
    assert list_page.xpath(f"//main//a[@href='{url('events-calendar')}']")
    assert list_page.xpath(
        f"//head/link[@rel='alternate'][@type='text/calendar'][@href='{url('events-calendar')}']"
    )


def test_sequence_counts_every_save_even_within_one_second(client, clock):
    # Calendar apps ignore an update whose SEQUENCE did not grow.
    event = EventFactory(published=True, title_en="Reception")
    before = only_event(client, event)["SEQUENCE"]

    event.venue_en = "Hyderabad House"
    event.save()

    assert only_event(client, event)["SEQUENCE"] == before + 1
