"""The crisis banner: while an emergency notice is live, every public page in
every language opens with it (severity, title, a link, the emergency
numbers). A context processor, so no view has to remember it; plain HTML,
so it needs no JavaScript.

Nothing is queried until a template shows the banner (the admin never does),
and then it is read once per content version (a fragment), not per page.
When the banner appears or disappears is `schedule.next_change()`'s business:
the page cache keys pages on it."""

from functools import cached_property

from contacts.models import ContactPoint
from embassy import fragments

from .models import Notice


def live_emergencies():
    """The live emergency notices and, while there are any, the emergency
    numbers: one piece per content version, kept no longer than the next
    notice's start or end (embassy/fragments.py)."""

    def build():
        notices = list(Notice.objects.emergencies().order_by("-published_at", "-pk"))
        return notices, list(ContactPoint.objects.emergency()) if notices else []

    return fragments.cached("crisis-banner", (), build)


class CrisisBanner:
    @cached_property
    def _live(self):
        return live_emergencies()

    @property
    def notices(self):
        return self._live[0]

    @property
    def emergency_numbers(self):
        return self._live[1]

    def __bool__(self):
        return bool(self.notices)


def crisis(request):
    return {"crisis": CrisisBanner()}
