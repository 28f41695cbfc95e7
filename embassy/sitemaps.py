"""/sitemap.xml: an index of one sitemap per section, each URL listed in
every language with its alternates (the search engines' hreflang)."""

import datetime

from django.contrib.sites.shortcuts import get_current_site
from django.db.models import Max
from django.http import HttpResponse
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import escape
from django.utils.http import http_date

from embassy import fragments
from notices.models import Notice
from notices.sitemaps import NoticeSitemap
from releases.discovery.sitemaps import (
    EventSitemap,
    I18nSitemap,
    ReleaseSitemap,
    SpeakerSitemap,
    TopicSitemap,
    kept,
)
from releases.models import Event, Release
from services.sitemaps import ServiceSitemap


class StaticSitemap(I18nSitemap):
    """The fixed pages. Lists change when what they list changes."""

    def __init__(self):
        self._latest = {}

    def items(self):
        return [
            "home",
            "releases:index",
            "releases:speakers",
            "releases:events",
            "notices:index",
            "contacts:index",
            "services:index",
        ]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        if name in ("contacts:index", "services:index"):
            return None
        model = {"releases:events": Event, "notices:index": Notice}.get(name, Release)
        if model not in self._latest:  # once per request, not once per language
            public = model.objects.published()
            self._latest[model] = kept(
                "sitemap-latest-change", public, lambda: public.aggregate(latest=Max("updated_at"))
            )
        return self._latest[model]["latest"]


SITEMAPS = {
    "pages": StaticSitemap,
    "releases": ReleaseSitemap,
    "events": EventSitemap,
    "speakers": SpeakerSitemap,
    "topics": TopicSitemap,
    "services": ServiceSitemap,
    "notices": NoticeSitemap,
}


def index(request, sitemaps):
    """/sitemap.xml: every section's pages, as Django's index view lists
    them, with the section's last change. At 100,000 releases that is about
    500 entries, which went through the template engine on every request
    (131 ms p99); the entries are now kept per content version and written
    out directly."""
    origin = f"{request.scheme}://{get_current_site(request).domain}"
    entries, latest = fragments.cached(
        "sitemap-index", (origin,), lambda: index_entries(sitemaps, origin)
    )
    response = HttpResponse(index_xml(entries), content_type="application/xml")
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    if latest is not None:  # every section has a date: conditional requests
        response["Last-Modified"] = http_date(latest.timestamp())
    return response


def index_entries(sitemaps, origin):
    """[(address, lastmod or None)] of every sitemap page, and the latest
    lastmod when every section has one (else None), as Django's view."""
    entries, lastmods = [], []
    for section, sitemap in sitemaps.items():
        site = sitemap() if callable(sitemap) else sitemap
        address = origin + reverse(
            "django.contrib.sitemaps.views.sitemap", kwargs={"section": section}
        )
        lastmod = site.get_latest_lastmod()
        lastmods.append(lastmod)
        entries.append((address, lastmod))
        pages = range(2, site.paginator.num_pages + 1)
        entries += [(f"{address}?p={page}", lastmod) for page in pages]
    dated = [aware(lastmod) for lastmod in lastmods if lastmod is not None]
    return entries, max(dated) if dated and len(dated) == len(lastmods) else None


def aware(moment):
    if not isinstance(moment, datetime.datetime):
        moment = datetime.datetime.combine(moment, datetime.time.min)
    return timezone.make_aware(moment, datetime.UTC) if timezone.is_naive(moment) else moment


def index_xml(entries):
    lines = [
        f"<sitemap><loc>{escape(address)}</loc>{lastmod_xml(lastmod)}</sitemap>"
        for address, lastmod in entries
    ]
    return "\n".join([INDEX_HEAD, *lines, "</sitemapindex>\n"])


def lastmod_xml(lastmod):
    if lastmod is None:
        return ""
    if isinstance(lastmod, datetime.datetime) and timezone.is_aware(lastmod):
        lastmod = timezone.localtime(lastmod)
    return f"<lastmod>{dateformat.format(lastmod, 'c')}</lastmod>"


INDEX_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
)
