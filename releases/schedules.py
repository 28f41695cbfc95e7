"""When the public site changes by the clock alone (pagecache/schedules.py):
a release or event goes live or ends its publication, and at midnight in the
mission's zone an event moves from "upcoming" to "past"."""

import datetime

from django.db.models import Min, Q
from django.utils import timezone

from .models import Event, Release
from .models.publishable import VIEWABLE_STATUSES


def next_publication_change(now):
    """The next `published_at` or `unpublish_at` still ahead, of any release
    or event that is (or will be) public: two indexed MIN queries."""
    moments = []
    for model in (Release, Event):
        ahead = model.objects.filter(status__in=VIEWABLE_STATUSES).aggregate(
            goes_live=Min("published_at", filter=Q(published_at__gt=now)),
            ends=Min("unpublish_at", filter=Q(unpublish_at__gt=now)),
        )
        moments += [moment for moment in ahead.values() if moment is not None]
    return min(moments, default=None)


def next_midnight(now):
    """Events are upcoming or past by the mission's date (`Event.objects.upcoming()`)."""
    today = timezone.localtime(now).date()
    tomorrow = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(tomorrow)
