"""A day's opening hours as staff type them in the office form's weekly
grid ("09:00–13:00, 14:00–17:00"), read into slots and written back.

What is accepted, slot by slot (slots are separated by commas, semicolons
or new lines; an empty cell means closed that day):

- a time is "9", "09", "9:30", "09:30", "9.30" or "0930", from 00:00 to 23:59;
- the two times of a slot are joined by a hyphen, an en dash or an em dash
  ("-", "–", "—"), with or without spaces around it;
- a slot cannot run past midnight (split it into two days), closes after it
  opens, and may touch another slot of the day (13:00) but not overlap it.

No database here: the grid's form (contacts/hours_grid.py) turns slots
into OpeningHours rows.
"""

import datetime
import itertools
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DASHES = "-–—"  # hyphen-minus, en dash, em dash
SLOT_SEPARATORS = re.compile(r"[,;\n]")
SLOT = re.compile(rf"^\s*(?P<opens>[^{DASHES}\s]+)\s*[{DASHES}]\s*(?P<closes>[^{DASHES}\s]+)\s*$")
TIME = re.compile(r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?$|^(?P<hhmm>\d{4})$")
# What the grid shows: the way the public pages write a slot.
EN_DASH = "–"

# Typed past the end of the day; "24:00" is common enough to answer kindly.
MIDNIGHT = "24:00"

# A slot that opens in the evening and "closes" in the small hours was meant
# to run past midnight; other slots closing before they open were typed the
# wrong way round.
EVENING = datetime.time(18)
SMALL_HOURS = datetime.time(6)


def parse_time(text):
    """The time typed, or None if it is not one."""
    match = TIME.match(text.strip())
    if match is None:
        return None
    if match["hhmm"]:
        hour, minute = int(match["hhmm"][:2]), int(match["hhmm"][2:])
    else:
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


def is_midnight(text):
    match = TIME.match(text.strip())
    if match is None:
        return False
    digits = match["hhmm"] or f"{int(match['hour']):02d}{match['minute'] or '00'}"
    return digits == MIDNIGHT.replace(":", "")


def format_time(value):
    return value.strftime("%H:%M")


def format_slot(opens, closes):
    return f"{format_time(opens)}{EN_DASH}{format_time(closes)}"


def format_day(slots):
    """ "09:00–13:00, 14:00–17:00" for (opens, closes) pairs, earliest first."""
    return ", ".join(format_slot(opens, closes) for opens, closes in sorted(slots))


def parse_day(text):
    """The (opens, closes) pairs typed in one cell, earliest first.

    Raises ValidationError with one message per problem, each quoting what
    was typed, so that the person can find it in the cell."""
    errors = []
    slots = []
    for part in SLOT_SEPARATORS.split(text or ""):
        if not part.strip():
            continue
        slot = _parse_slot(part.strip(), errors)
        if slot is not None:
            slots.append(slot)
    slots.sort()
    for (opens, closes), (later_opens, later_closes) in itertools.pairwise(slots):
        if later_opens < closes:
            errors.append(
                ValidationError(
                    _("%(first)s and %(second)s overlap. Slots of one day may touch, not overlap."),
                    code="overlap",
                    params={
                        "first": format_slot(opens, closes),
                        "second": format_slot(later_opens, later_closes),
                    },
                )
            )
    if errors:
        raise ValidationError(errors)
    return slots


def _parse_slot(typed, errors):
    match = SLOT.match(typed)
    if match is None:
        errors.append(
            ValidationError(
                _(
                    '"%(typed)s" is not a slot. Type the opening and closing times, '
                    "e.g. 09:00–13:00."
                ),
                code="not_a_slot",
                params={"typed": typed},
            )
        )
        return None
    opens, closes = parse_time(match["opens"]), parse_time(match["closes"])
    if opens is not None and closes is None and is_midnight(match["closes"]):
        errors.append(_past_midnight(typed))
        return None
    bad = [
        text
        for text, value in ((match["opens"], opens), (match["closes"], closes))
        if value is None
    ]
    for text in bad:
        errors.append(
            ValidationError(
                _('"%(typed)s" is not a time. Type times from 00:00 to 23:59, e.g. 09:00 or 9:30.'),
                code="bad_time",
                params={"typed": text},
            )
        )
    if bad:
        return None
    if closes <= opens:
        if opens >= EVENING and closes <= SMALL_HOURS:
            errors.append(_past_midnight(typed))
        else:
            errors.append(
                ValidationError(
                    _(
                        'In "%(typed)s" the office closes before it opens. '
                        "Type the opening time first."
                    ),
                    code="closes_before_opens",
                    params={"typed": typed},
                )
            )
        return None
    return opens, closes


def _past_midnight(typed):
    return ValidationError(
        _('"%(typed)s" runs past midnight. End it at 23:59 and type the rest on the next day.'),
        code="past_midnight",
        params={"typed": typed},
    )
