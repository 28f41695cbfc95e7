"""Opening hours without the database: is a service open at a given moment,
and if not, when does it open next?

Everything here takes plain objects (anything with `weekday`, `opens`,
`closes`; closures with `start_date`, `end_date`, `reason`) and an explicit
`now`, so the rules can be tested across time zones, midnight and holidays.
Times are wall-clock times in the office's time zone.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# How far ahead to look for the next opening. Long enough for any run of
# holidays; a service with no slot at all has no next opening.
SEARCH_DAYS = 370


class Weekday(models.IntegerChoices):
    # Numbered as date.weekday() numbers them.
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


# One sentence per weekday, because the weekday's form depends on the
# language ("в понедельник", "во вторник", "सोमवार को"); a weekday name
# pasted into one sentence cannot be declined.
OPENS_ON = {
    Weekday.MONDAY: _("opens on Monday at %(time)s"),
    Weekday.TUESDAY: _("opens on Tuesday at %(time)s"),
    Weekday.WEDNESDAY: _("opens on Wednesday at %(time)s"),
    Weekday.THURSDAY: _("opens on Thursday at %(time)s"),
    Weekday.FRIDAY: _("opens on Friday at %(time)s"),
    Weekday.SATURDAY: _("opens on Saturday at %(time)s"),
    Weekday.SUNDAY: _("opens on Sunday at %(time)s"),
}
# More than a week ahead the date is needed too.
OPENS_ON_DATE = {
    Weekday.MONDAY: _("opens on Monday %(date)s at %(time)s"),
    Weekday.TUESDAY: _("opens on Tuesday %(date)s at %(time)s"),
    Weekday.WEDNESDAY: _("opens on Wednesday %(date)s at %(time)s"),
    Weekday.THURSDAY: _("opens on Thursday %(date)s at %(time)s"),
    Weekday.FRIDAY: _("opens on Friday %(date)s at %(time)s"),
    Weekday.SATURDAY: _("opens on Saturday %(date)s at %(time)s"),
    Weekday.SUNDAY: _("opens on Sunday %(date)s at %(time)s"),
}


def overlapping_slots(a, b):
    """Whether two slots of one office collide: same service, same day and
    time ranges that share at least a minute (09:00–13:00 and 13:00–17:00
    touch but do not overlap)."""
    return (
        a.service_key == b.service_key
        and a.weekday == b.weekday
        and a.opens < b.closes
        and b.opens < a.closes
    )


def find_overlaps(slots):
    """Pairs (earlier, later) of overlapping slots, in the order given."""
    slots = list(slots)
    return [
        (first, second)
        for i, first in enumerate(slots)
        for second in slots[i + 1 :]
        if overlapping_slots(first, second)
    ]


@dataclass(frozen=True)
class OpenStatus:
    """The answer for a visitor. Datetimes are naive wall-clock times in the
    office's zone, so that templates show them as they are (Django's date
    filters would convert an aware value to the site's zone)."""

    is_open: bool
    local_now: datetime.datetime
    closes_at: datetime.datetime | None = None
    next_opening: datetime.datetime | None = None
    closure: object = None  # today's closure, if that is why it is closed

    @property
    def opens_today(self):
        return self.next_opening is not None and self.next_opening.date() == self.local_now.date()

    @property
    def opens_tomorrow(self):
        tomorrow = self.local_now.date() + datetime.timedelta(days=1)
        return self.next_opening is not None and self.next_opening.date() == tomorrow

    @property
    def opens_within_a_week(self):
        return (
            self.next_opening is not None
            and (self.next_opening.date() - self.local_now.date()).days < 7
        )

    @property
    def next_opening_text(self):
        """ "opens on Monday at 09:00", in the active language ("" if never)."""
        opening = self.next_opening
        if opening is None:
            return ""
        if self.opens_today:
            sentence = gettext("opens today at %(time)s")
        elif self.opens_tomorrow:
            sentence = gettext("opens tomorrow at %(time)s")
        elif self.opens_within_a_week:
            sentence = str(OPENS_ON[opening.weekday()])
        else:
            sentence = str(OPENS_ON_DATE[opening.weekday()])
        # "E": the month as it is written after a day number ("1 февраля").
        return sentence % {"time": opening.strftime("%H:%M"), "date": date_format(opening, "j E")}


def closure_on(day, closures):
    for closure in closures:
        last = closure.end_date or closure.start_date
        if closure.start_date <= day <= last:
            return closure
    return None


def open_status(slots, closures, now, tz):
    """Where a service stands at `now` (an aware datetime) in zone `tz`."""
    local_now = now.astimezone(tz).replace(tzinfo=None)
    today = local_now.date()
    by_day = {}
    for slot in sorted(slots, key=lambda s: s.opens):
        by_day.setdefault(slot.weekday, []).append(slot)
    closure_today = closure_on(today, closures)
    if closure_today is None:
        todays = by_day.get(today.weekday(), [])
        for index, slot in enumerate(todays):
            if slot.opens <= local_now.time() < slot.closes:
                closes = slot.closes
                # 09:00–13:00 followed by 13:00–17:00 is open until 17:00.
                for later in todays[index + 1 :]:
                    if later.opens <= closes:
                        closes = max(closes, later.closes)
                closes_at = datetime.datetime.combine(today, closes)
                return OpenStatus(True, local_now, closes_at=closes_at)
    return OpenStatus(
        False,
        local_now,
        next_opening=_next_opening(by_day, closures, local_now),
        closure=closure_today,
    )


def _next_opening(by_day, closures, local_now):
    if not by_day:
        return None
    for offset in range(SEARCH_DAYS):
        day = local_now.date() + datetime.timedelta(days=offset)
        if closure_on(day, closures) is not None:
            continue
        for slot in by_day.get(day.weekday(), []):
            opening = datetime.datetime.combine(day, slot.opens)
            if opening > local_now:
                return opening
    return None


@dataclass
class ServiceHours:
    """One service's weekly timetable, ready for a table: seven days, Monday
    first, each with its slots (possibly none), and the status now."""

    name: str
    days: list
    status: OpenStatus
    url: str = ""  # the service's public page, if it has one


def timetables(slots, closures, now, tz):
    """The office's slots grouped by service, in the order the services were
    first entered, each with its status at `now`."""
    groups = {}
    for slot in sorted(slots, key=lambda s: s.pk or 0):
        groups.setdefault(slot.service_key, []).append(slot)
    local_today = now.astimezone(tz).date()
    result = []
    for group in groups.values():
        days = [
            {
                "weekday": weekday,
                "name": Weekday(weekday).label,
                "slots": sorted((s for s in group if s.weekday == weekday), key=lambda s: s.opens),
                "is_today": weekday == local_today.weekday(),
            }
            for weekday in range(7)
        ]
        service = group[0].service
        name = getattr(service, "name", service)
        url = service.get_absolute_url() if getattr(service, "is_active", False) else ""
        result.append(ServiceHours(name, days, open_status(group, closures, now, tz), url))
    return result
