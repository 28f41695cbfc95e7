import datetime
import hashlib
import ipaddress
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django.views.generic import DetailView, ListView

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
        offset = self.local_now.strftime("%z")  # "+0530"
        return f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"


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
        now = timezone.now()
        closures = list(Closure.objects.current_and_future(timezone.localdate()))
        return [office_card(self.request, office, closures, now) for office in offices]


class OfficeListView(ContactsPageMixin, ListView):
    template_name = "contacts/office_list.html"

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


def client_ip(request):
    """The visitor's address. Behind our proxy (DJANGO_BEHIND_PROXY=1) every
    request comes from the proxy, so the address it appended last to
    X-Forwarded-For is the one to trust; anything left of it came from the
    client and could be forged."""
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.rsplit(",", 1)[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def rate_limit_client(address):
    """Who the limit counts against: an IPv4 address, or the /64 network of an
    IPv6 one (one subscriber is routinely given a whole /64, so counting each
    of its addresses apart would give them billions of allowances)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))


def over_reveal_limit(request):
    """Count one reveal for this client in Django's cache (shared by every
    worker when REDIS_URL is set); True once the limit is passed."""
    client = rate_limit_client(client_ip(request))
    key = "contacts:reveal:" + hashlib.sha256(client.encode()).hexdigest()
    cache.add(key, 0, REVEAL_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add() and incr()
        cache.set(key, 1, REVEAL_WINDOW_SECONDS)
        count = 1
    return count > REVEAL_LIMIT


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
