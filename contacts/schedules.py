"""When the contacts pages change by the clock alone (pagecache/schedules.py):
"open now" flips at every opening and closing time, and "opens today",
"opens tomorrow" and the closures shown move on at each office's midnight.
Cached contacts pages therefore last until the next such moment, and show
the right status at every one of them."""

import datetime
import zoneinfo

from .models import Office, OpeningHours

# Every weekly slot recurs within a week; one day more covers zones ahead
# of the server's.
DAYS_AHEAD = 8


def next_opening_change(now):
    """The next opening time, closing time or local midnight of any active office."""
    active = Office.objects.active()
    moments = [
        _next_midnight(now, zoneinfo.ZoneInfo(name))
        for name in set(active.values_list("time_zone", flat=True))
    ]
    slots = OpeningHours.objects.filter(office__in=active).values_list(
        "office__time_zone", "weekday", "opens", "closes"
    )
    for zone_name, weekday, opens, closes in slots.distinct():
        tz = zoneinfo.ZoneInfo(zone_name)
        local_today = now.astimezone(tz).date()
        for offset in range(DAYS_AHEAD):
            day = local_today + datetime.timedelta(days=offset)
            if day.weekday() == weekday:
                moments += [datetime.datetime.combine(day, t, tzinfo=tz) for t in (opens, closes)]
    return min((moment for moment in moments if moment > now), default=None)


def _next_midnight(now, tz):
    tomorrow = now.astimezone(tz).date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(tomorrow, datetime.time(), tzinfo=tz)
