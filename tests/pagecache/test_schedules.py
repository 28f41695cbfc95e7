"""What changes by the clock alone shows at its second: no cached page, and
no header, outlives the next scheduled moment."""

import datetime
import re
import zoneinfo

import pytest

from releases.models import PublicationStatus
from tests.contacts.factories import OfficeFactory, OpeningHoursFactory
from tests.factories import ReleaseFactory

from .conftest import outcome

pytestmark = pytest.mark.django_db(transaction=True)

KOLKATA = zoneinfo.ZoneInfo("Asia/Kolkata")
LIST = "/en/releases/"


def max_ages(response):
    return [int(value) for value in re.findall(r"max-age=(\d+)", response["Cache-Control"])]


@pytest.fixture
def noon(clock):
    clock.set(datetime.datetime(2027, 1, 25, 12, 0, tzinfo=KOLKATA))
    return clock


def test_a_scheduled_release_goes_live_at_its_second(client, noon):
    goes_live = noon.now + datetime.timedelta(seconds=90)
    ReleaseFactory(
        status=PublicationStatus.PUBLISHED, published_at=goes_live, title_en="At 12:01:30"
    )
    first = client.get(LIST)
    assert "At 12:01:30" not in first.text
    assert max(max_ages(first)) <= 90  # browsers and proxies too
    noon.set(goes_live - datetime.timedelta(seconds=1))
    before = client.get(LIST)
    assert outcome(before) == "hit"
    assert "At 12:01:30" not in before.text
    noon.set(goes_live)
    assert "At 12:01:30" in client.get(LIST).text


def test_an_end_of_publication_takes_the_page_down_at_its_second(client, noon):
    ends = noon.now + datetime.timedelta(minutes=5)
    release = ReleaseFactory(
        status=PublicationStatus.PUBLISHED,
        published_at=noon.now - datetime.timedelta(days=1),
        unpublish_at=ends,
    )
    url = release.get_absolute_url()
    client.get(url)
    noon.set(ends - datetime.timedelta(seconds=1))
    assert client.get(url).status_code == 200
    noon.set(ends)
    assert client.get(url).status_code == 410


def test_open_now_flips_at_the_opening_time(client, clock):
    office = OfficeFactory(slug="embassy")
    OpeningHoursFactory(office=office, weekday=0, opens=datetime.time(9), closes=datetime.time(13))
    clock.set(datetime.datetime(2027, 1, 25, 8, 59, 59, tzinfo=KOLKATA))  # a Monday
    closed = client.get("/en/contacts/")
    assert "Open now" not in closed.text
    assert max(max_ages(closed)) <= 1
    clock.set(datetime.datetime(2027, 1, 25, 9, 0, tzinfo=KOLKATA))
    assert "Open now" in client.get("/en/contacts/").text
    clock.set(datetime.datetime(2027, 1, 25, 13, 0, tzinfo=KOLKATA))
    assert "Open now" not in client.get("/en/contacts/").text


def test_pages_are_kept_no_longer_than_the_mission_midnight(client, clock):
    """At midnight an event moves from "upcoming" to "past"."""
    clock.set(datetime.datetime(2027, 1, 25, 23, 59, 0, tzinfo=KOLKATA))
    assert max(max_ages(client.get("/en/events/"))) <= 60
    assert "stale-while-revalidate" not in client.get("/en/events/")["Cache-Control"]


def test_a_schedule_that_cannot_be_imported_is_skipped(client, settings):
    settings.PAGE_CACHE_SCHEDULES = [*settings.PAGE_CACHE_SCHEDULES, "notices.schedules.missing"]
    assert client.get(LIST).status_code == 200
    assert outcome(client.get(LIST)) == "hit"
