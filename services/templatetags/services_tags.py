from django import template

from embassy import fragments
from services.models import Service
from services.search import matching

register = template.Library()


@register.simple_tag
def matching_services(text):
    """The public services whose texts hold every word of `text`, for the
    site search page (the releases' search lists services above releases)."""
    if not text:
        return []
    return matching(searchable_services(), text)


def searchable_services():
    """The public services with their documents, read once per content
    version (embassy/fragments.py), not at every search. Each row holds
    every language; the names are read in the page's when matched."""

    def build():
        return list(Service.objects.public().prefetch_related("documents"))

    return fragments.cached("searchable-services", (), build)
