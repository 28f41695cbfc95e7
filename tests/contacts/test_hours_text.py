"""A day's hours as staff type them in the office form's grid."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from contacts.hours_text import format_day, parse_day

T = datetime.time


@pytest.mark.parametrize(
    ("typed", "slots"),
    [
        ("", []),
        ("   ", []),
        ("09:00–13:00", [(T(9), T(13))]),
        ("9-13", [(T(9), T(13))]),
        ("9:30 - 13:15", [(T(9, 30), T(13, 15))]),
        ("0900—1300", [(T(9), T(13))]),
        ("9.00-13.00", [(T(9), T(13))]),
        ("14:00–17:00, 09:00–13:00", [(T(9), T(13)), (T(14), T(17))]),
        ("09:00-13:00; 13:00-17:00", [(T(9), T(13)), (T(13), T(17))]),  # touching is fine
        ("00:00-23:59", [(T(0), T(23, 59))]),
        ("09:00–13:00,", [(T(9), T(13))]),
        ("09:00–13:00\r\n14:00–17:00", [(T(9), T(13)), (T(14), T(17))]),
    ],
)
def test_what_staff_type_is_read(typed, slots):
    assert parse_day(typed) == slots


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("24:30-13:00", "bad_time"),
        ("9:60-13:00", "bad_time"),
        ("09:00", "not_a_slot"),
        ("nine to one", "not_a_slot"),
        ("09:00-13:00-17:00", "not_a_slot"),
        ("13:00-09:00", "closes_before_opens"),
        ("09:00-09:00", "closes_before_opens"),
        ("22:00-02:00", "past_midnight"),
        ("20:00-00:00", "past_midnight"),
        ("18:00-24:00", "past_midnight"),
        ("09:00-13:00, 12:00-15:00", "overlap"),
        ("09:00-13:00, 09:00-13:00", "overlap"),
    ],
)
def test_mistakes_are_named(typed, code):
    with pytest.raises(ValidationError) as raised:
        parse_day(typed)
    assert [error.code for error in raised.value.error_list] == [code]


def test_every_mistake_of_a_cell_is_listed():
    with pytest.raises(ValidationError) as raised:
        parse_day("25:00-13:00, 17:00-16:00")
    assert [error.code for error in raised.value.error_list] == ["bad_time", "closes_before_opens"]


def test_the_grid_writes_a_day_as_the_public_page_does():
    assert format_day([(T(14), T(17)), (T(9), T(13))]) == "09:00–13:00, 14:00–17:00"
    assert format_day([]) == ""
    assert parse_day(format_day([(T(9, 5), T(13))])) == [(T(9, 5), T(13))]
