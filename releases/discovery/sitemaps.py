"""Sitemap sections of the newsroom. Each lists what `published()` allows,
in every language, with its alternates, and `lastmod` from the last change
the public could see. embassy/sitemaps.py puts them in the index."""

import math

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery

from ..models import Event, Release, Speaker, Topic


class InEveryLanguage:
    """The (item, language) pairs Django's sitemaps paginate, read one page
    of items at a time. Django's own list of pairs loads every item first:
    for the index's page count alone, 100,000 releases with their texts
    (gigabytes, seconds, on every crawl after a change)."""

    def __init__(self, items, languages):
        self.items, self.languages = items, languages

    def count(self):
        items = len(self.items) if isinstance(self.items, list) else self.items.count()
        return items * len(self.languages)

    def __len__(self):
        return self.count()

    def __getitem__(self, pairs):
        if not isinstance(pairs, slice) or pairs.step is not None:
            raise TypeError("a sitemap's pairs are read by page")
        start, stop, per_item = pairs.start or 0, pairs.stop, len(self.languages)
        first = start // per_item
        last = math.ceil(stop / per_item) if stop is not None else None
        page = [(item, code) for item in self.items[first:last] for code in self.languages]
        offset = first * per_item
        return page[start - offset : None if stop is None else stop - offset]


class I18nSitemap(Sitemap):
    """Every page in each language, each listing its language alternates and,
    as x-default, the English page (as the pages' own hreflang links do:
    visitors whose language the site does not offer get the original)."""

    i18n = True
    alternates = True

    def _items(self):
        if type(self).get_languages_for_item is not Sitemap.get_languages_for_item:
            return super()._items()  # languages differ by item: Django's own pairs
        return InEveryLanguage(self.items(), self._languages())

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
    # What the address and lastmod need: not the texts, which are most of a
    # row, and a sitemap page holds thousands of rows.
    fields = ("slug", "published_at", "updated_at")

    def items(self):
        return self.model.objects.published().only(*self.fields).order_by(*self.ordering)

    def lastmod(self, obj):
        return obj.last_change

    def get_latest_lastmod(self):
        # The index asks for this: one query rather than a pass over the items.
        latest = self.items().aggregate(updated=Max("updated_at"), published=Max("published_at"))
        return max(filter(None, latest.values()), default=None)


class ReleaseSitemap(PublishableSitemap):
    model = Release
    ordering = ("-date", "-pk")
    fields = (*PublishableSitemap.fields, "date")


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

    release_link = "speakers"  # how a release names the items

    def items(self):
        return (
            Speaker.objects.with_public_page()
            .annotate(last_release_change=latest_public_release(speakers=OuterRef("pk")))
            .order_by("slug")
        )

    def lastmod(self, speaker):
        return speaker.last_release_change

    def get_latest_lastmod(self):
        # The latest of the items' lastmods, in one aggregate rather than a
        # subquery per item: every public release with a speaker gives that
        # speaker a public page.
        releases = Release.objects.published().filter(**{f"{self.release_link}__isnull": False})
        return releases.aggregate(latest=Max("updated_at"))["latest"]


class TopicSitemap(SpeakerSitemap):
    """Topics with at least one public release (an empty topic page is thin)."""

    release_link = "topics"

    def items(self):
        public = Release.objects.published()
        return (
            Topic.objects.filter(pk__in=public.values("topics"))
            .annotate(last_release_change=latest_public_release(topics=OuterRef("pk")))
            .order_by("slug")
        )
