"""/sitemap.xml: an index of one sitemap per section, each URL listed in
every language with its alternates (the search engines' hreflang)."""

from django.db.models import Max
from django.urls import reverse

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
