"""Atom, RSS 2.0 and JSON Feed 1.1 feeds of public releases.

Every list a visitor can see has its feed: the release list with any of its
filters (?kind=speech&speaker=...&q=...), and each speaker, topic and event.
The query string of the page is the query string of its feed, and the feed's
language is the page's (/ru/... gives the Russian texts).
"""

import copy
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.formats import date_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from embassy.text import clean_output
from files.inline import current_image_sources

from ..filters import ReleaseFilter
from ..models import Event, Release, ReleaseKind, Speaker, Topic
from .jsonfeed import JsonFeedGenerator
from .search import ReleaseSearch, clean_query

FEED_ITEMS = 20
# The parameters of the list and search pages that narrow a feed.
FEED_PARAMETERS = ("kind", "speaker", "topic", "event", "year", "date_from", "date_to", "q")


def feed_query_string(query_dict):
    """The filters of a page as a feed's query string ("" or "?kind=speech")."""
    params = QueryDict(mutable=True)
    for name in FEED_PARAMETERS:
        values = [value for value in query_dict.getlist(name) if value.strip()]
        if values:
            params.setlist(name, values)
    return f"?{params.urlencode()}" if params else ""


def change_notes_html(release):
    """The release's change notes as a short "Updates" list, escaped, for the
    end of its entry: the page shows them, so the feed does too."""
    notes = release.change_notes.all()
    if not notes:
        return ""
    items = format_html_join(
        "",
        "<li>{} {}</li>",
        (
            (
                # The page's wording, so the one translation serves both.
                gettext("Updated %(date)s:")
                % {"date": date_format(timezone.localtime(note.created_at), "DATE_FORMAT")},
                note.note,
            )
            for note in notes
        ),
    )
    return format_html("<h2>{}</h2><ul>{}</ul>", _("Updates"), items)


def entry_html(release):
    """The whole text of an entry: the (sanitised) body, then the updates."""
    return current_image_sources(release.body) + change_notes_html(release)


class CleanFeedMixin:
    """A feed generator that cleans every text it is given (embassy/text.py):
    Django refuses to write a control character into XML, so one stored
    before the cleaning on save existed would otherwise make the feed a 500."""

    def __init__(self, *args, **kwargs):
        super().__init__(*clean_output(args), **clean_output(kwargs))

    def add_item(self, *args, **kwargs):
        super().add_item(*clean_output(args), **clean_output(kwargs))


class ReleaseRssGenerator(CleanFeedMixin, Rss201rev2Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, _url in item["speakers"]:
            handler.addQuickElement(
                "dc:creator", name, {"xmlns:dc": "http://purl.org/dc/elements/1.1/"}
            )


class ReleaseAtomGenerator(CleanFeedMixin, Atom1Feed):
    """Atom with the full text as <content> and every speaker as an <author>."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, url in item["speakers"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", url)
            handler.endElement("author")
        if item["content"]:
            handler.addQuickElement("content", item["content"], {"type": "html"})


@dataclass
class Selection:
    """What one request to a feed asked for."""

    obj: object = None
    filterset: ReleaseFilter = None
    search: ReleaseSearch = None
    query_string: str = ""
    descriptions: list = field(default_factory=list)


class ReleaseFeed(Feed):
    """The release list as RSS 2.0; subclasses narrow it to one object or
    switch to Atom. A copy of the feed serves each request, so the request
    can be kept on it safely."""

    feed_type = ReleaseRssGenerator
    page_url_name = "releases:index"

    def __call__(self, request, *args, **kwargs):
        feed = copy.copy(self)
        feed.request = request
        response = Feed.__call__(feed, request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
        return response

    # --- What the request selects ---

    def get_scope(self, slug):
        return None

    def narrow(self, queryset, obj):
        return queryset

    def get_object(self, request, slug=None):
        obj = self.get_scope(slug)
        releases = self.narrow(
            Release.objects.published().for_listing().prefetch_related("change_notes"), obj
        )
        filterset = ReleaseFilter(request.GET or None, queryset=releases)
        query = clean_query(request.GET.get("q", ""))
        return Selection(
            obj=obj,
            filterset=filterset,
            search=ReleaseSearch(query.text) if query.text else None,
            query_string=feed_query_string(request.GET),
            descriptions=self.describe(filterset, query.text),
        )

    def describe(self, filterset, text):
        """The active filters in words, for the feed's title."""
        data = {}
        if filterset.is_bound:
            filterset.is_valid()  # fills cleaned_data with the valid values only
            data = filterset.form.cleaned_data
        parts = []
        if data.get("kind"):
            parts.append(str(ReleaseKind(data["kind"]).label))
        if data.get("speaker"):
            parts.append(data["speaker"].full_name)
        for name in ("topic", "event", "year"):
            if data.get(name):
                parts.append(str(data[name]))
        if data.get("date_from"):
            parts.append(str(_("from %(date)s") % {"date": data["date_from"].isoformat()}))
        if data.get("date_to"):
            parts.append(str(_("to %(date)s") % {"date": data["date_to"].isoformat()}))
        if text:
            parts.append(str(_("matching “%(text)s”") % {"text": text}))
        return parts

    def items(self, selection):
        releases = selection.filterset.qs
        if selection.search:
            releases = selection.search.filter(releases)
        return releases.order_by("-published_at", "-pk")[:FEED_ITEMS]

    # --- The feed ---

    def scope_title(self, obj):
        return str(_("Press releases, speeches and statements"))

    def title(self, selection):
        parts = [
            self.scope_title(selection.obj),
            *selection.descriptions,
            str(settings.EMBASSY_NAME),
        ]
        return " · ".join(parts)

    def description(self, selection):
        return str(
            _("The latest texts published by %(name)s.") % {"name": str(settings.EMBASSY_NAME)}
        )

    subtitle = description

    def page_url(self, obj):
        return reverse(self.page_url_name)

    def link(self, selection):
        return self.page_url(selection.obj) + selection.query_string

    def feed_url(self, selection):
        return self.request.path + selection.query_string

    def author_name(self):
        return str(settings.EMBASSY_NAME)

    # --- Each release ---

    def item_title(self, release):
        return release.title

    def item_description(self, release):
        # RSS readers show the description: give them the whole text.
        return entry_html(release)

    def item_pubdate(self, release):
        return release.first_publication

    def item_updateddate(self, release):
        return release.last_substantive_change

    def item_guid(self, release):
        """A tag URI of the release and the language: it survives a change of
        slug or date, and the Russian and English entries stay distinct."""
        host = self.request.get_host().rsplit(":", 1)[0].strip("[]")
        return f"tag:{host},{release.created_at:%Y-%m-%d}:release-{release.pk}/{get_language()}"

    item_guid_is_permalink = False

    def item_categories(self, release):
        return [release.get_kind_display(), *(topic.name for topic in release.topics.all())]

    def item_extra_kwargs(self, release):
        speakers = [
            (
                link.speaker.full_name,
                self.request.build_absolute_uri(link.speaker.get_absolute_url()),
            )
            for link in release.release_speakers.all()
        ]
        return {"speakers": speakers, "content": entry_html(release)}


class AtomMixin:
    feed_type = ReleaseAtomGenerator

    def item_description(self, release):
        # Atom keeps the summary in <summary> and the full text in <content>.
        return escape(release.summary) if release.summary else None


class JsonMixin:
    """JSON Feed 1.1: the full text as content_html, the summary apart."""

    feed_type = JsonFeedGenerator

    def item_description(self, item):
        return item.summary or None

    def item_extra_kwargs(self, item):
        return {**super().item_extra_kwargs(item), "summary": item.summary}


class SpeakerFeedMixin:
    def get_scope(self, slug):
        return get_object_or_404(Speaker.objects.with_public_page(), slug=slug)

    def narrow(self, queryset, speaker):
        return queryset.filter(speakers=speaker)

    def scope_title(self, speaker):
        return str(_("Releases by %(name)s") % {"name": speaker.full_name})

    def page_url(self, speaker):
        return speaker.get_absolute_url()


class TopicFeedMixin:
    def get_scope(self, slug):
        return get_object_or_404(Topic, slug=slug)

    def narrow(self, queryset, topic):
        return queryset.filter(topics=topic)

    def scope_title(self, topic):
        return str(_("Releases on %(name)s") % {"name": topic.name})

    def page_url(self, topic):
        return topic.get_absolute_url()


class EventFeedMixin:
    def get_scope(self, slug):
        # A withdrawn event keeps its page, which lists its releases: so does its feed.
        return get_object_or_404(Event.objects.viewable(), slug=slug)

    def narrow(self, queryset, event):
        return queryset.filter(event=event)

    def scope_title(self, event):
        return str(_("Releases about %(name)s") % {"name": event.title})

    def page_url(self, event):
        return event.get_absolute_url()


class ReleaseRssFeed(ReleaseFeed):
    pass


class ReleaseAtomFeed(AtomMixin, ReleaseFeed):
    pass


class ReleaseJsonFeed(JsonMixin, ReleaseFeed):
    pass


class SpeakerRssFeed(SpeakerFeedMixin, ReleaseFeed):
    pass


class SpeakerAtomFeed(AtomMixin, SpeakerFeedMixin, ReleaseFeed):
    pass


class TopicRssFeed(TopicFeedMixin, ReleaseFeed):
    pass


class TopicAtomFeed(AtomMixin, TopicFeedMixin, ReleaseFeed):
    pass


class EventRssFeed(EventFeedMixin, ReleaseFeed):
    pass


class EventAtomFeed(AtomMixin, EventFeedMixin, ReleaseFeed):
    pass
