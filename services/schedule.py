"""For the page cache (settings.PAGE_CACHE_SCHEDULES): the next moment a
service page changes by time alone, which is when a scheduled fee starts."""

import datetime

from django.utils import timezone

from .models import Fee


def next_change(now):
    """The start (midnight in the mission's time zone) of the first fee that
    is not yet valid at `now`, or None."""
    zone = timezone.get_default_timezone()
    today = timezone.localdate(now, zone)
    upcoming = (
        Fee.objects.filter(valid_from__gt=today, service__is_active=True)
        .order_by("valid_from")
        .values_list("valid_from", flat=True)
        .first()
    )
    if upcoming is None:
        return None
    midnight = datetime.datetime.combine(upcoming, datetime.time.min)
    return timezone.make_aware(midnight, zone)
