"""/sitemap.xml: an index of one sitemap per section, each URL listed in
every language with its alternates (the search engines' hreflang)."""

from django.db.models import Max
from django.urls import reverse

from releases.models import Event, Release
from releases.sitemaps import (
    EventSitemap,
    I18nSitemap,
    ReleaseSitemap,
    SpeakerSitemap,
    TopicSitemap,
)


class StaticSitemap(I18nSitemap):
    """The fixed pages. Lists change when what they list changes."""

    def __init__(self):
        self._latest = {}

    def items(self):
        return ["home", "releases:index", "releases:speakers", "releases:events", "contacts:index"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        if name == "contacts:index":
            return None
        model = Event if name == "releases:events" else Release
        if model not in self._latest:  # once per request, not once per language
            self._latest[model] = model.objects.published().aggregate(latest=Max("updated_at"))
        return self._latest[model]["latest"]


SITEMAPS = {
    "pages": StaticSitemap,
    "releases": ReleaseSitemap,
    "events": EventSitemap,
    "speakers": SpeakerSitemap,
    "topics": TopicSitemap,
}
