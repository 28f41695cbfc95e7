"""Dates and times shared by every app: a moment as staff read it, and the
behaviour of models with a `start_date` and an optional `end_date` (events,
closures): one day when the end is empty."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Time zones as people name them. Others are named after their city
# ("Kathmandu time"), from the last part of the zone's name.
ZONE_NAMES = {
    "Asia/Kolkata": _("India time"),
    "Asia/Calcutta": _("India time"),
    "Europe/Moscow": _("Moscow time"),
    "Europe/London": _("UK time"),
    "Asia/Kathmandu": _("Nepal time"),
    "Asia/Dhaka": _("Bangladesh time"),
    "Asia/Colombo": _("Sri Lanka time"),
    "Asia/Dubai": _("Gulf time"),
    "UTC": _("Universal time"),
}


def local_datetime(moment):
    """`moment` in the mission's time zone, formatted for the admin; "—" for none."""
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else "—"


def utc_offset(moment):
    """ "UTC+5:30", "UTC+3", "UTC-3:30" or "UTC" for an aware `moment`."""
    offset = moment.utcoffset()
    if not offset:
        return "UTC"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes > 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}:{minutes:02d}" if minutes else f"UTC{sign}{hours}"


def zone_label(zone, moment=None):
    """A time zone the way people name it, with its offset now (or at
    `moment`): "India time, UTC+5:30". `zone` is a name or a ZoneInfo."""
    import zoneinfo

    info = zone if isinstance(zone, zoneinfo.ZoneInfo) else zoneinfo.ZoneInfo(zone)
    name = str(info.key)
    label = ZONE_NAMES.get(name)
    if label is None:
        city = name.rsplit("/", 1)[-1].replace("_", " ")
        label = gettext("%(city)s time") % {"city": city}
    local = (moment or timezone.now()).astimezone(info)
    return f"{label}, {utc_offset(local)}"


class DateRangeMixin:
    @property
    def last_date(self):
        return self.end_date or self.start_date

    @property
    def is_multi_day(self):
        return self.end_date is not None and self.end_date != self.start_date
