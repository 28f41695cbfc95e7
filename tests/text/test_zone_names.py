"""Time zones named the way people name them (embassy/dates.py)."""

import datetime
import zoneinfo

from django.utils import translation

from embassy.dates import utc_offset, zone_label

MOMENT = datetime.datetime(2026, 7, 1, 12, tzinfo=datetime.UTC)


def test_a_known_zone_has_its_usual_name_and_a_short_offset():
    assert zone_label("Asia/Kolkata", MOMENT) == "India time, UTC+5:30"
    assert zone_label("Europe/Moscow", MOMENT) == "Moscow time, UTC+3"


def test_other_zones_are_named_after_their_city():
    assert zone_label("America/St_Johns", MOMENT) == "St Johns time, UTC-2:30"


def test_the_offset_follows_summer_time():
    winter = datetime.datetime(2026, 1, 1, 12, tzinfo=datetime.UTC)
    assert utc_offset(MOMENT.astimezone(zoneinfo.ZoneInfo("Europe/London"))) == "UTC+1"
    assert utc_offset(winter.astimezone(zoneinfo.ZoneInfo("Europe/London"))) == "UTC"


def test_the_name_is_translated():
    with translation.override("ru"):
        assert zone_label("Asia/Kolkata", MOMENT) == "время Индии, UTC+5:30"
