"""The services section of /sitemap.xml: every public service page in each
language with its alternates (embassy/sitemaps.py puts it in the index)."""

from django.db.models import Max

from releases.discovery.sitemaps import I18nSitemap

from .models import Service


class ServiceSitemap(I18nSitemap):
    def items(self):
        return Service.objects.public().order_by("category", "order", "pk")

    def lastmod(self, service):
        return service.updated_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated_at"))["latest"]
