"""The hook for the notices app (built in parallel on its own branch): the
live notices a service page shows.

`related_live_notices(service)` is the one place a service page asks for
notices. The notices app may define `notices.hooks.live_notices_for_service
(service)` to decide itself; otherwise the page shows the live notices about
the offices that offer the service (Notice.office). Without the notices app
installed it returns nothing and the page has no notices section."""

from django.apps import apps

MAX_NOTICES = 5


def related_live_notices(service):
    if not apps.is_installed("notices"):
        return []
    try:
        from notices.hooks import live_notices_for_service
    except ImportError:
        Notice = apps.get_model("notices", "Notice")
        offices = [office.pk for office in service.offices.all()]
        return list(Notice.objects.published().filter(office__in=offices)[:MAX_NOTICES])
    return list(live_notices_for_service(service))[:MAX_NOTICES]
