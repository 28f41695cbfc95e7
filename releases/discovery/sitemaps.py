"""Sitemap sections of the newsroom. Each lists what `published()` allows,
in every language, with its alternates, and `lastmod` from the last change
the public could see. embassy/sitemaps.py puts them in the index."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery

from ..models import Event, Release, Speaker, Topic


class I18nSitemap(Sitemap):
    """Every page in each language, each listing its language alternates and,
    as x-default, the English page (as the pages' own hreflang links do:
    visitors whose language the site does not offer get the original)."""

    i18n = True
    alternates = True

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            default = next(
                alternate["location"]
                for alternate in url["alternates"]
                if alternate["lang_code"] == settings.LANGUAGE_CODE
            )
            url["alternates"].append({"location": default, "lang_code": "x-default"})
        return urls


class PublishableSitemap(I18nSitemap):
    model = None
    ordering = ()

    def items(self):
        return self.model.objects.published().order_by(*self.ordering)

    def lastmod(self, obj):
        return obj.last_change

    def get_latest_lastmod(self):
        # The index asks for this: one query rather than a pass over the items.
        latest = self.items().aggregate(updated=Max("updated_at"), published=Max("published_at"))
        return max(filter(None, latest.values()), default=None)


class ReleaseSitemap(PublishableSitemap):
    model = Release
    ordering = ("-date", "-pk")


class EventSitemap(PublishableSitemap):
    model = Event
    ordering = ("-start_date", "-pk")


def latest_public_release(**lookups):
    """The last change among the public releases linked to the outer row."""
    releases = Release.objects.published().filter(**lookups).order_by("-updated_at")
    return Subquery(releases.values("updated_at")[:1])


class SpeakerSitemap(I18nSitemap):
    """Every speaker with a public page; the page changes when one of their
    releases does (a speaker seen only at events has no such date)."""

    def items(self):
        return (
            Speaker.objects.with_public_page()
            .annotate(last_release_change=latest_public_release(speakers=OuterRef("pk")))
            .order_by("slug")
        )

    def lastmod(self, speaker):
        return speaker.last_release_change

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("last_release_change"))["latest"]


class TopicSitemap(SpeakerSitemap):
    """Topics with at least one public release (an empty topic page is thin)."""

    def items(self):
        public = Release.objects.published()
        return (
            Topic.objects.filter(pk__in=public.values("topics"))
            .annotate(last_release_change=latest_public_release(topics=OuterRef("pk")))
            .order_by("slug")
        )
