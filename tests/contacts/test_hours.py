"""The "open now" rules, without the database: plain slots, closures and an
explicit moment, in several time zones."""

import datetime
import zoneinfo
from types import SimpleNamespace

import pytest
from django.utils import translation

from contacts.hours import OpenStatus, find_overlaps, open_status, timetables

KOLKATA = zoneinfo.ZoneInfo("Asia/Kolkata")
MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
UTC = datetime.UTC


def slot(weekday, opens, closes, service="Consular reception", pk=None):
    return SimpleNamespace(
        weekday=weekday,
        opens=datetime.time.fromisoformat(opens),
        closes=datetime.time.fromisoformat(closes),
        service=service,
        service_key=service.casefold(),
        pk=pk,
    )


def closure(start, end=None, reason="Republic Day"):
    return SimpleNamespace(start_date=start, end_date=end, reason=reason)


WEEKDAY_MORNINGS = [slot(day, "09:00", "13:00") for day in range(5)]
# Monday 2027-01-25 .. Sunday 2027-01-31; Tuesday 26 January is Republic Day.
MONDAY = datetime.date(2027, 1, 25)


def wall(*args):
    """A naive wall-clock time in the office's zone, as OpenStatus gives them."""
    return datetime.datetime.combine(datetime.date(*args[:3]), datetime.time(*args[3:]))


def at(day, hhmm, tz):
    return datetime.datetime.combine(day, datetime.time.fromisoformat(hhmm), tzinfo=tz)


def test_open_during_a_slot_in_the_offices_zone():
    status = open_status(WEEKDAY_MORNINGS, [], at(MONDAY, "10:30", KOLKATA), KOLKATA)
    assert status.is_open
    assert status.closes_at == wall(2027, 1, 25, 13, 0)


def test_the_same_moment_is_judged_in_the_offices_zone_not_the_visitors():
    # 04:30 UTC is 10:00 in New Delhi (open) but 07:30 in Moscow (not yet).
    now = at(MONDAY, "04:30", UTC)
    assert open_status(WEEKDAY_MORNINGS, [], now, KOLKATA).is_open
    moscow = open_status(WEEKDAY_MORNINGS, [], now, MOSCOW)
    assert not moscow.is_open
    assert moscow.opens_today
    assert moscow.next_opening == wall(2027, 1, 25, 9, 0)


def test_a_utc_moment_on_sunday_evening_is_already_monday_morning_in_india():
    sunday_late_utc = at(MONDAY - datetime.timedelta(days=1), "23:00", UTC)  # 04:30 Mon IST
    status = open_status(WEEKDAY_MORNINGS, [], sunday_late_utc, KOLKATA)
    assert not status.is_open
    assert status.opens_today
    assert status.next_opening == wall(2027, 1, 25, 9, 0)


def test_closing_time_is_exclusive_and_opening_time_inclusive():
    assert open_status(WEEKDAY_MORNINGS, [], at(MONDAY, "09:00", KOLKATA), KOLKATA).is_open
    status = open_status(WEEKDAY_MORNINGS, [], at(MONDAY, "13:00", KOLKATA), KOLKATA)
    assert not status.is_open
    assert status.next_opening == wall(2027, 1, 26, 9, 0)


def test_after_friday_closing_the_next_opening_wraps_round_to_monday():
    friday = MONDAY + datetime.timedelta(days=4)
    status = open_status(WEEKDAY_MORNINGS, [], at(friday, "13:05", KOLKATA), KOLKATA)
    assert not status.is_open
    assert status.next_opening == wall(2027, 2, 1, 9, 0)
    assert status.next_opening.weekday() == 0
    assert status.opens_within_a_week


def test_a_slot_ending_at_midnight_and_the_minute_after_it():
    evening = [slot(6, "18:00", "23:59")]
    sunday = MONDAY + datetime.timedelta(days=6)
    assert open_status(evening, [], at(sunday, "23:58", KOLKATA), KOLKATA).is_open
    status = open_status(evening, [], at(sunday, "23:59", KOLKATA), KOLKATA)
    assert not status.is_open
    assert status.next_opening == wall(2027, 2, 7, 18, 0)


def test_a_closure_closes_the_office_even_during_its_hours():
    republic_day = MONDAY + datetime.timedelta(days=1)
    status = open_status(
        WEEKDAY_MORNINGS, [closure(republic_day)], at(republic_day, "10:00", KOLKATA), KOLKATA
    )
    assert not status.is_open
    assert status.closure.reason == "Republic Day"
    assert status.next_opening == wall(2027, 1, 27, 9, 0)


def test_a_closure_tomorrow_is_skipped_when_looking_for_the_next_opening():
    republic_day = MONDAY + datetime.timedelta(days=1)
    status = open_status(
        WEEKDAY_MORNINGS, [closure(republic_day)], at(MONDAY, "14:00", KOLKATA), KOLKATA
    )
    assert status.closure is None
    assert status.next_opening == wall(2027, 1, 27, 9, 0)


def test_a_closure_range_is_inclusive_of_its_last_day():
    holidays = [closure(MONDAY, MONDAY + datetime.timedelta(days=2), "New Year holidays")]
    status = open_status(WEEKDAY_MORNINGS, holidays, at(MONDAY, "08:00", KOLKATA), KOLKATA)
    assert status.next_opening == wall(2027, 1, 28, 9, 0)


def test_a_closure_on_the_offices_date_counts_even_when_utc_is_still_the_day_before():
    republic_day = MONDAY + datetime.timedelta(days=1)
    # 04:00 UTC on Tuesday is 09:30 in New Delhi on Tuesday; 20:00 UTC Monday
    # is 01:30 Tuesday in New Delhi: the closure already applies there.
    status = open_status(
        [slot(1, "00:00", "23:59")], [closure(republic_day)], at(MONDAY, "20:00", UTC), KOLKATA
    )
    assert not status.is_open
    assert status.closure is not None


def test_adjoining_slots_report_the_end_of_the_last_one():
    day = [slot(0, "09:00", "13:00"), slot(0, "13:00", "17:00")]
    status = open_status(day, [], at(MONDAY, "12:00", KOLKATA), KOLKATA)
    assert status.closes_at == wall(2027, 1, 25, 17, 0)


def test_between_two_slots_it_is_closed_and_opens_again_today():
    day = [slot(0, "09:00", "13:00"), slot(0, "14:00", "17:00")]
    status = open_status(day, [], at(MONDAY, "13:30", KOLKATA), KOLKATA)
    assert not status.is_open
    assert status.opens_today
    assert status.next_opening == wall(2027, 1, 25, 14, 0)


def test_no_slots_means_no_next_opening():
    status = open_status([], [], at(MONDAY, "10:00", KOLKATA), KOLKATA)
    assert not status.is_open
    assert status.next_opening is None


def test_dst_change_in_new_york_is_followed():
    # Sunday 2027-03-14 clocks go forward; on Monday 13:30 UTC is 09:30 EDT.
    monday = datetime.date(2027, 3, 15)
    assert open_status(WEEKDAY_MORNINGS, [], at(monday, "13:30", UTC), NEW_YORK).is_open
    # A week earlier (EST) the same UTC time is 08:30: not yet open.
    assert not open_status(
        WEEKDAY_MORNINGS, [], at(monday - datetime.timedelta(days=7), "13:30", UTC), NEW_YORK
    ).is_open


def test_overlaps_are_same_service_same_day_and_sharing_time():
    a = slot(0, "09:00", "13:00")
    assert find_overlaps([a, slot(0, "12:00", "14:00")])
    assert not find_overlaps([a, slot(0, "13:00", "14:00")])  # touching is fine
    assert not find_overlaps([a, slot(1, "09:00", "13:00")])  # another day
    assert not find_overlaps([a, slot(0, "09:00", "13:00", service="Telephone enquiries")])
    assert find_overlaps([a, slot(0, "10:00", "11:00")])  # inside


def test_timetables_group_by_service_in_entry_order_with_seven_days():
    slots = [
        slot(0, "09:00", "13:00", "Consular reception", pk=1),
        slot(0, "14:00", "17:00", "Telephone enquiries", pk=2),
        slot(2, "09:00", "13:00", "Consular reception", pk=3),
    ]
    tables = timetables(slots, [], at(MONDAY, "10:00", KOLKATA), KOLKATA)
    assert [t.name for t in tables] == ["Consular reception", "Telephone enquiries"]
    reception = tables[0]
    assert len(reception.days) == 7
    assert reception.days[0]["is_today"]
    assert [len(d["slots"]) for d in reception.days] == [1, 0, 1, 0, 0, 0, 0]
    assert reception.status.is_open
    assert not tables[1].status.is_open


def opening_text(language, now, opening):
    with translation.override(language):
        return OpenStatus(False, now, next_opening=opening).next_opening_text


def test_russian_puts_each_weekday_in_the_accusative_with_its_preposition():
    expected = [
        "откроется в понедельник в 09:00",
        "откроется во вторник в 09:00",
        "откроется в среду в 09:00",
        "откроется в четверг в 09:00",
        "откроется в пятницу в 09:00",
        "откроется в субботу в 09:00",
        "откроется в воскресенье в 09:00",
    ]
    for weekday, sentence in enumerate(expected):
        opening = wall(2027, 1, 25 + weekday, 9, 0)
        three_days_before = opening - datetime.timedelta(days=3)
        assert opening_text("ru", three_days_before, opening) == sentence


@pytest.mark.parametrize(
    ("language", "today", "tomorrow", "weeks_ahead"),
    [
        (
            "en",
            "opens today at 09:00",
            "opens tomorrow at 09:00",
            "opens on Monday 8 February at 09:00",
        ),
        (
            "ru",
            "откроется сегодня в 09:00",
            "откроется завтра в 09:00",
            "откроется в понедельник, 8 февраля, в 09:00",
        ),
        ("hi", "आज 09:00 बजे खुलेगा", "कल 09:00 बजे खुलेगा", "सोमवार, 8 फरवरी को 09:00 बजे खुलेगा"),
    ],
    ids=["en", "ru", "hi"],
)
def test_the_next_opening_reads_as_a_sentence_in_each_language(
    language, today, tomorrow, weeks_ahead
):
    monday = wall(2027, 1, 25, 8, 0)
    assert opening_text(language, monday, wall(2027, 1, 25, 9, 0)) == today
    assert opening_text(language, monday, wall(2027, 1, 26, 9, 0)) == tomorrow
    # Two weeks ahead (after a long closure) the date is given too.
    assert opening_text(language, monday, wall(2027, 2, 8, 9, 0)) == weeks_ahead


def test_no_next_opening_says_nothing():
    assert OpenStatus(False, wall(2027, 1, 25, 8, 0)).next_opening_text == ""
