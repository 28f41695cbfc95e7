"""Sitemap sections of the newsroom. Each lists what `published()` allows,
in every language, with its alternates, and `lastmod` from the last change
the public could see. embassy/sitemaps.py puts them in the index."""

import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.html import format_html_join

from embassy import fragments
from embassy.fragments import query_key

from ..models import Event, Release, Speaker, Topic
from ..pagination import KeysetPaginator

# Items per sitemap page, each listed in every language: 600 addresses with
# three languages. Google allows 50,000 addresses a page, but a page that
# large takes seconds to render; this many take tens of milliseconds, and at
# 100,000 releases the index lists about 500 pages instead of 6.
ITEMS_PER_PAGE = 200


def kept(name, queryset, build):
    """`build()`, once per content version and scheduled moment for what
    `queryset` selects (embassy/fragments.py): the aggregates over every
    public release that the index and the speaker and topic sections need."""
    return fragments.cached(name, query_key(queryset.order_by()), build)


class I18nSitemap(Sitemap):
    """Every page in each language, each listing its language alternates and,
    as x-default, the English page (as the pages' own hreflang links do:
    visitors whose language the site does not offer get the original)."""

    i18n = True
    alternates = True
    items_per_page = ITEMS_PER_PAGE

    @property
    def paginator(self):
        """Pages of items, each page every language of its items (Django's
        pages hold (item, language) pairs, which it builds for every item
        first). The count is kept per content version and a deep page of
        releases seeks rather than skips (releases/pagination.py)."""
        return KeysetPaginator(self.items(), self.items_per_page)

    def get_urls(self, page=1, site=None, protocol=None):
        """Django's URL entries, built with each address reversed once per
        language, under one language switch per language for the whole page.
        Django's own reverses every address once more for each alternate and
        switches the language for each: four times the work. Each entry's
        `links` is its alternates as XML, made once per item and shared by
        its languages (templates/sitemaps/sitemap.xml). The entries of a
        page are kept per content version and scheduled moment."""
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        urls, self.latest_lastmod = fragments.cached(
            "sitemap-urls",
            (type(self).__name__, str(page), origin),
            lambda: self._urls(page, origin),
        )
        return urls

    def _urls(self, page, origin):
        """(the entries of page `page`, their latest lastmod or None)."""
        items = list(self.paginator.page(page).object_list)
        languages = {id(item): self.get_languages_for_item(item) for item in items}
        locations = self._locations(items, languages, origin)
        urls, lastmods = [], []
        for item in items:
            entry = self._entry(item, languages[id(item)], locations)
            lastmods.append(entry["lastmod"])
            urls += [
                {**entry, "item": (item, code), "location": locations[id(item), code]}
                for code in languages[id(item)]
            ]
        # The response's Last-Modified, when every entry has a date.
        return urls, max(lastmods) if lastmods and None not in lastmods else None

    def _locations(self, items, languages, origin):
        locations = {}
        for code in self._languages():
            with translation.override(code):
                for item in items:
                    if code in languages[id(item)]:
                        locations[id(item), code] = origin + self._get("location", (item, code))
        return locations

    def _entry(self, item, item_languages, locations):
        alternates = [(code, locations[id(item), code]) for code in item_languages]
        if settings.LANGUAGE_CODE in item_languages:
            alternates.append(("x-default", locations[id(item), settings.LANGUAGE_CODE]))
        priority = self._get("priority", (item, None))
        lastmod = self._get("lastmod", (item, None))
        return {
            "lastmod": lastmod,
            "day": day_of(lastmod),
            "changefreq": self._get("changefreq", (item, None)),
            "priority": str(priority if priority is not None else ""),
            "alternates": [{"lang_code": code, "location": loc} for code, loc in alternates],
            "links": format_html_join(
                "",
                '<xhtml:link rel="alternate" hreflang="{}" href="{}"/>',
                alternates,
            ),
        }


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
        items = self.items()
        latest = kept(
            "sitemap-latest",
            items,
            lambda: items.aggregate(updated=Max("updated_at"), published=Max("published_at")),
        )
        return max(filter(None, latest.values()), default=None)


class ReleaseSitemap(PublishableSitemap):
    model = Release
    ordering = ("-date", "-pk")
    fields = (*PublishableSitemap.fields, "date")


class EventSitemap(PublishableSitemap):
    model = Event
    ordering = ("-start_date", "-pk")


def day_of(moment):
    """A lastmod's day, as the template's `date:"Y-m-d"` gives it (in the
    site's time zone): made once per item, rather than once per address."""
    if moment is None:
        return ""
    if isinstance(moment, datetime.datetime):
        moment = timezone.localdate(moment)
    return moment.isoformat()


class SpeakerSitemap(I18nSitemap):
    """Every speaker with a public page; the page changes when one of their
    releases does (a speaker seen only at events has no such date)."""

    release_link = "speakers"  # how a release names the items

    def items(self):
        # The address is all a sitemap needs of a speaker's wide row.
        return Speaker.objects.with_public_page().only("slug").order_by("slug")

    @cached_property
    def release_changes(self):
        """{item id: the last change among its public releases}, in one
        grouped query kept per content version rather than a subquery per
        item on every page."""
        releases = (
            Release.objects.published()
            .filter(**{f"{self.release_link}__isnull": False})
            .values(self.release_link)
            .annotate(latest=Max("updated_at"))
            .values_list(self.release_link, "latest")
        )
        return kept(f"sitemap-{self.release_link}", releases, lambda: dict(releases.order_by()))

    def lastmod(self, item):
        return self.release_changes.get(item.pk)

    def get_latest_lastmod(self):
        return max(self.release_changes.values(), default=None)


class TopicSitemap(SpeakerSitemap):
    """Topics with at least one public release (an empty topic page is thin)."""

    release_link = "topics"

    def items(self):
        topics = Topic.objects.filter(pk__in=list(self.release_changes))
        return topics.only("slug").order_by("slug")
