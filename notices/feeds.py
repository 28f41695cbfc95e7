"""Atom, RSS and JSON feeds of the public notices, in the page's language,
built on the releases' feed classes (same cleaning, ids and cache headers)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from releases.discovery.feeds import (
    FEED_ITEMS,
    AtomMixin,
    JsonMixin,
    ReleaseFeed,
    change_notes_html,
)

from .models import Notice


class NoticeFeed(ReleaseFeed):
    def get_object(self, request):
        return None

    def items(self, obj):
        return (
            Notice.objects.published().for_listing().order_by("-published_at", "-pk")[:FEED_ITEMS]
        )

    def title(self, obj):
        return f"{_('Consular notices')} · {settings.EMBASSY_NAME}"

    def description(self, obj):
        return str(_("Consular announcements, travel advisories and emergency alerts."))

    subtitle = description

    def link(self, obj):
        return reverse("notices:index")

    def feed_url(self, obj):
        return self.request.path

    def item_description(self, notice):
        return notice.body + change_notes_html(notice)

    def item_guid(self, notice):
        host = self.request.get_host().rsplit(":", 1)[0].strip("[]")
        return f"tag:{host},{notice.created_at:%Y-%m-%d}:notice-{notice.pk}/{get_language()}"

    def item_categories(self, notice):
        return [notice.get_severity_display()]

    def item_extra_kwargs(self, notice):
        return {"speakers": [], "content": notice.body + change_notes_html(notice)}


class NoticeRssFeed(NoticeFeed):
    pass


class NoticeAtomFeed(AtomMixin, NoticeFeed):
    pass


class NoticeJsonFeed(JsonMixin, NoticeFeed):
    pass
