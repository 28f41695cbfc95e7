"""iCalendar (RFC 5545) files of the public events: one per event, and one
subscribable calendar of all of them (or of one kind).

Calendar apps match events by UID, so the UID is built from the primary key
(a slug may be corrected, a primary key never changes) and SEQUENCE grows with
every save: a subscribed calendar updates an event instead of adding a copy.

Every value is escaped and folded by the icalendar library; text properties
the library does not know as text (NAME, X-WR-CALNAME) are passed as vText
so that it escapes them too.
"""

import datetime
import zoneinfo

import icalendar
from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from embassy.text import clean_file, plain_text

from ..models import Event, EventKind, EventStatus

ICAL_STATUS = {
    EventStatus.CANCELLED: "CANCELLED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.TO_BE_CONFIRMED: "TENTATIVE",
}


def utc(moment):
    return moment.astimezone(datetime.UTC)


def event_span(event):
    """(DTSTART, DTEND) of an event. A date-only event is an all-day event:
    DATE values, DTEND the day after the last day (RFC 5545: DTEND is
    exclusive). Times are local to the mission's zone; a timed event without
    an end time has no DTEND unless it runs over several days, when it ends
    with its last day."""
    if event.start_time is None:
        return event.start_date, event.last_date + datetime.timedelta(days=1)
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    start = datetime.datetime.combine(event.start_date, event.start_time, tzinfo=zone)
    if event.end_time is not None:
        end = datetime.datetime.combine(event.last_date, event.end_time, tzinfo=zone)
    elif event.is_multi_day:
        next_day = event.last_date + datetime.timedelta(days=1)
        end = datetime.datetime.combine(next_day, datetime.time(0, 0), tzinfo=zone)
    else:
        end = None
    return start, end


def event_component(event, request):
    url = request.build_absolute_uri(event.get_absolute_url())
    host = request.get_host().rsplit(":", 1)[0].strip("[]")
    component = icalendar.Event()
    component.add("uid", f"event-{event.pk}@{host}")
    component.add("dtstamp", utc(event.last_change))
    component.add("created", utc(event.created_at))
    component.add("last-modified", utc(event.last_change))
    # The version counter grows by one with every save, as SEQUENCE must
    # (and starts at 1, where SEQUENCE starts at 0).
    component.add("sequence", event.version - 1)
    component.add("summary", event.title)
    start, end = event_span(event)
    component.add("dtstart", start)
    if end is not None:
        component.add("dtend", end)
    component.add("status", ICAL_STATUS.get(event.event_status, "CONFIRMED"))
    location = ", ".join(part for part in (event.venue, event.city) if part)
    if location:
        component.add("location", location)
    component.add("url", url)
    component.add("categories", [event.get_kind_display()])
    description = plain_text(event.description)
    component.add("description", f"{description}\n\n{url}" if description else url)
    return component


def calendar_response(events, request, name, filename=None):
    calendar = icalendar.Calendar()
    # PRODID names the software that wrote the file, not the embassy.
    calendar.add("prodid", "-//embassy-cms//events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", icalendar.vText(name))
    calendar.add("x-wr-calname", icalendar.vText(name))
    calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(datetime.timedelta(hours=6)))
    for event in events:
        calendar.add_component(event_component(event, request))
    calendar.add_missing_timezones()
    # Control characters stored before the cleaning on save are not escaped
    # by the library, and RFC 5545 allows none in a value.
    body = clean_file(calendar.to_ical().decode())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
    return response


def event_ics(request, slug):
    """/events/<slug>/event.ics: one event, to add to a calendar."""
    event = get_object_or_404(Event.objects.published(), slug=slug)
    return calendar_response([event], request, event.title, filename=f"{event.slug}.ics")


def events_calendar(request):
    """/events/calendar.ics[?kind=visit]: every public event, to subscribe to."""
    events = Event.objects.published().order_by("start_date", "start_time", "pk")
    name = _("Events: %(name)s") % {"name": str(settings.EMBASSY_NAME)}
    kind = request.GET.get("kind", "")
    if kind:
        if kind not in EventKind.values:
            return HttpResponseBadRequest(
                _("Unknown kind of event. Use one of: %(kinds)s.")
                % {"kinds": ", ".join(EventKind.values)},
                content_type="text/plain; charset=utf-8",
            )
        events = events.filter(kind=kind)
        name = f"{name} ({EventKind(kind).label})"
    return calendar_response(events, request, name)
