"""When the notices the public sees next change by the clock alone.

A notice starts (its publication time) and ends (its end of publication) at
its second without any save, so no content version moves then. The page
cache asks `next_change()` (settings.PAGE_CACHE_SCHEDULES) and keeps no page
past it: the crisis banner and the notice lists appear and disappear on
time through every cache."""

from django.db.models import Min

from releases.models.publishable import VIEWABLE_STATUSES

from .models import Notice


def next_change(now):
    """The first start or end after `now` of a published (or withdrawn)
    notice, or None when none is ahead."""
    notices = Notice.objects.filter(status__in=VIEWABLE_STATUSES)
    found = [
        notices.filter(published_at__gt=now).aggregate(at=Min("published_at"))["at"],
        notices.filter(unpublish_at__gt=now).aggregate(at=Min("unpublish_at"))["at"],
    ]
    return min(filter(None, found), default=None)
