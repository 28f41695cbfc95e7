"""The notices' sitemap section: what `published()` allows, in every language."""

from releases.discovery.sitemaps import PublishableSitemap

from .models import Notice


class NoticeSitemap(PublishableSitemap):
    model = Notice
    ordering = ("-published_at", "-pk")
