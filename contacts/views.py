import datetime
import logging
from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django.views.generic import DetailView, ListView
from redis.exceptions import RedisError

from embassy import fragments
from embassy.client_address import client_address
from embassy.dates import utc_offset, zone_label
from embassy.ratelimit import count_in_window, limit_key, rate_limit_client

from .exports import office_jsonld, office_vcard
from .hours import timetables
from .models import Closure, ContactKind, ContactPoint, Office

# "Open now" is worked out when the page is rendered, so a cached copy can be
# this many seconds out of date: keep it short whatever PUBLIC_CACHE_SECONDS
# the release pages use.
CONTACTS_CACHE_SECONDS = 60
CLOSURES_AHEAD_DAYS = 60
# "Show e-mail address" answers this many times per client address and window.
REVEAL_LIMIT = 10
REVEAL_WINDOW_SECONDS = 600

logger = logging.getLogger(__name__)


@dataclass
class OfficeCard:
    """What an office's section on a page shows, worked out once."""

    office: Office
    emergency: list
    contacts: list
    timetables: list
    closures: list
    local_now: datetime.datetime
    jsonld: dict

    @property
    def utc_offset(self):
        return utc_offset(self.local_now)

    @property
    def zone_label(self):
        """ "India time, UTC+5:30": the office's time zone as people name it."""
        return zone_label(self.office.tz, self.local_now)


def office_card(request, office, closures, now):
    """`closures` are the current and future closures of every office, fetched
    once per page; those of this office and of all offices apply."""
    local_now = now.astimezone(office.tz)
    today = local_now.date()
    horizon = today + datetime.timedelta(days=CLOSURES_AHEAD_DAYS)
    applicable = [c for c in closures if c.office_id in (None, office.pk)]
    contacts = list(office.contact_points.all())
    slots = list(office.opening_hours.all())
    url = request.build_absolute_uri(office.get_absolute_url())
    soon = [c for c in applicable if c.last_date >= today and c.start_date <= horizon]
    return OfficeCard(
        office=office,
        emergency=[c for c in contacts if c.kind == ContactKind.EMERGENCY],
        contacts=[c for c in contacts if c.kind != ContactKind.EMERGENCY],
        timetables=timetables(slots, applicable, now, office.tz),
        closures=soon,
        local_now=local_now,
        jsonld=office_jsonld(office, contacts, slots, soon, url),
    )


class ContactsPageMixin:
    """The contact pages: active offices only, cacheable by browsers and
    proxies, but briefly (see CONTACTS_CACHE_SECONDS)."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=CONTACTS_CACHE_SECONDS)
        return response

    def get_queryset(self):
        return Office.objects.active().for_page()

    def get_context_data(self, **kwargs):
        return super().get_context_data(closures_ahead_days=CLOSURES_AHEAD_DAYS, **kwargs)

    def cards(self, offices):
        """The offices' cards, "open now" worked out at this minute from rows
        read once per content version (and day, for the closures)."""
        now = timezone.now()
        today = timezone.localdate()
        closures = fragments.cached(
            "contact-closures",
            (today,),
            lambda: list(Closure.objects.current_and_future(today)),
        )
        return [office_card(self.request, office, closures, now) for office in offices]


class OfficeListView(ContactsPageMixin, ListView):
    template_name = "contacts/office_list.html"

    def get_queryset(self):
        offices = super().get_queryset()
        return fragments.cached("contact-offices", (), lambda: list(offices))

    def get_context_data(self, **kwargs):
        cards = self.cards(self.object_list)
        emergency = [contact for card in cards for contact in card.emergency]
        return super().get_context_data(cards=cards, emergency=emergency, **kwargs)


class OfficeDetailView(ContactsPageMixin, DetailView):
    template_name = "contacts/office_detail.html"

    def get_context_data(self, **kwargs):
        (card,) = self.cards([self.object])
        return super().get_context_data(card=card, **kwargs)


@cache_control(public=True, max_age=CONTACTS_CACHE_SECONDS)
def vcard(request, slug):
    office = get_object_or_404(Office.objects.active().for_page(), slug=slug)
    page_url = request.build_absolute_uri(office.get_absolute_url())
    body = office_vcard(office, list(office.contact_points.all()), page_url)
    response = HttpResponse(body, content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{office.slug}.vcf"'
    return response


def over_reveal_limit(request):
    """Count one reveal for this client; True once the limit is passed.

    Fails open: when the cache (Redis) cannot be reached, every reveal is
    answered and a warning logged. The limit only slows harvesters down,
    while a visitor who cannot get the consular address during a crisis,
    when Redis may well be down too, is the worse failure.
    """
    client = rate_limit_client(client_address(request))
    key = limit_key("contacts:reveal", client)
    try:
        return count_reveal(key) > REVEAL_LIMIT
    except RedisError as error:
        logger.warning("E-mail reveal limit not applied, the cache is unavailable: %s", error)
        return False


def count_reveal(key):
    return count_in_window(key, REVEAL_WINDOW_SECONDS)


# Exempt from CSRF: revealing an address changes nothing, and a CSRF token in
# the "Show e-mail address" form would set a cookie on every anonymous
# contacts page and make those pages uncacheable.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def reveal_email(request, pk):
    """GET shows the button; POST shows the address. Both work without
    JavaScript. Every POST counts towards the limit, found or not, so that
    the ids cannot be walked through faster than the addresses."""
    if request.method == "POST" and over_reveal_limit(request):
        response = render(
            request,
            "contacts/too_many_requests.html",
            {"window_minutes": REVEAL_WINDOW_SECONDS // 60, "limit": REVEAL_LIMIT},
            status=429,
        )
        response["Retry-After"] = str(REVEAL_WINDOW_SECONDS)
        return response
    contact = get_object_or_404(
        ContactPoint.objects.public().select_related("office"),
        pk=pk,
        kind=ContactKind.EMAIL,
        is_protected=True,
    )
    response = render(
        request,
        "contacts/email_reveal.html",
        {"contact": contact, "revealed": request.method == "POST"},
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
