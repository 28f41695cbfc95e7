"""Template tags that help people and machines find the site's content:
feed addresses for the current list, the feed links of a page's head, and
the sharing metadata of a page."""

from django import template
from django.http import QueryDict
from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from embassy.addresses import cached_reverse

from ..discovery.feeds import feed_query_string
from ..discovery.seo import page_metadata
from ..models import Event, Speaker, Topic

register = template.Library()

FEED_URL_NAMES = {
    Speaker: "releases:speaker-feed",
    Topic: "releases:topic-feed",
    Event: "releases:event-feed",
}


@register.simple_tag(takes_context=True)
def feed_urls(context, obj=None, filtered=True, year=None):
    """The Atom and RSS addresses of the releases listed on this page: the
    object's (a speaker, topic or event), with the page's filters. A year
    page (/releases/2018/) has its year in the path; its feed has it as a
    filter."""
    name = FEED_URL_NAMES.get(type(obj), "releases:feed")
    kwargs = {"slug": obj.slug} if type(obj) in FEED_URL_NAMES else {}
    query = context["request"].GET
    if year or (filtered and query):
        params = query.copy() if filtered else QueryDict(mutable=True)
        if year:
            params["year"] = str(year)
        query_string = feed_query_string(params)
    else:  # most pages: no filters, nothing to copy
        query_string = ""
    urls = {
        "atom": cached_reverse(f"{name}-atom", **kwargs) + query_string,
        "rss": cached_reverse(f"{name}-rss", **kwargs) + query_string,
    }
    if name == "releases:feed":  # JSON Feed: the release list (and its filters)
        urls["json"] = cached_reverse("releases:feed-json") + query_string
    return urls


@register.simple_tag(takes_context=True)
def sharing_meta(context):
    """Canonical address, OpenGraph and Twitter card tags of the page: the
    `meta` its view built (the newsroom's pages, with the object's JSON-LD),
    or the site's own for other pages. Runs no query. Written here rather
    than by a template: two dozen tags of plain values, on every page, cost
    a fifth of a millisecond through the template engine."""
    meta = context.get("meta")
    request = context.get("request")
    if meta is None and request is not None:
        meta = page_metadata(request)
    return meta_tags(meta) if meta else ""


# og:<name> and the key of `meta` that holds it.
OG_FIELDS = [
    ("site_name", "site_name"),
    ("type", "type"),
    ("title", "title"),
    ("description", "description"),
    ("url", "canonical"),
    ("locale", "locale"),
]


def meta_tags(meta):
    image = meta.get("image")
    tags = [
        ("link", "rel", "canonical", "href", meta["canonical"]),
        *(("meta", "property", f"og:{name}", "content", meta[key]) for name, key in OG_FIELDS),
        *(
            ("meta", "property", "og:locale:alternate", "content", locale)
            for locale in meta["alternate_locales"]
        ),
    ]
    if image:
        tags.append(("meta", "property", "og:image", "content", image["url"]))
        if image["width"]:
            tags.append(("meta", "property", "og:image:width", "content", image["width"]))
            tags.append(("meta", "property", "og:image:height", "content", image["height"]))
        if image["alt"]:
            tags.append(("meta", "property", "og:image:alt", "content", image["alt"]))
    published = meta.get("published")
    if published:
        tags += [
            ("meta", "property", "article:published_time", "content", published.isoformat()),
            ("meta", "property", "article:modified_time", "content", meta["modified"].isoformat()),
            ("meta", "property", "article:section", "content", meta["section"]),
            *(("meta", "property", "article:tag", "content", tag) for tag in meta["tags"]),
        ]
    card = "summary_large_image" if image else "summary"
    tags += [
        ("meta", "name", "twitter:card", "content", card),
        ("meta", "name", "twitter:title", "content", meta["title"]),
        ("meta", "name", "twitter:description", "content", meta["description"]),
    ]
    if image:
        tags.append(("meta", "name", "twitter:image", "content", image["url"]))
        if image["alt"]:
            tags.append(("meta", "name", "twitter:image:alt", "content", image["alt"]))
    # Only the values need escaping: the names are the literals above.
    lines = [
        f'<{tag} {key}="{name}" {attr}="{conditional_escape(value)}">'
        for tag, key, name, attr, value in tags
    ]
    jsonld = meta.get("jsonld")
    if jsonld:
        lines.append(conditional_escape(jsonld))  # built by embassy.jsonld: already safe
    return mark_safe("\n    ".join(lines))  # noqa: S308 - every value escaped above


# The feeds a page announces in its <head>, by format: (type, title).
SITE_FEEDS = {
    "atom": ("application/atom+xml", _("Atom feed of all releases")),
    "rss": ("application/rss+xml", _("RSS feed of all releases")),
    "json": ("application/feed+json", _("JSON feed of all releases")),
}
LIST_FEEDS = {
    "atom": ("application/atom+xml", _("Atom feed of these releases")),
    "rss": ("application/rss+xml", _("RSS feed of these releases")),
    "json": ("application/feed+json", _("JSON feed of these releases")),
}


@register.simple_tag(takes_context=True)
def feed_head(context, obj=None, site_feed=False):
    """The <link rel="alternate"> tags of the page's feeds: the whole site's
    (`site_feed=True`), or those of the releases the page lists (its
    object's, with its filters and year). Written here, like the sharing
    tags: a few links of plain values on every page."""
    if site_feed:
        feeds, kinds = feed_urls(context, filtered=False), SITE_FEEDS
    else:
        feeds, kinds = feed_urls(context, obj, year=context.get("year")), LIST_FEEDS
    links = ((*kinds[name], address) for name, address in feeds.items())
    return format_html_join(
        "\n    ", '<link rel="alternate" type="{}" title="{}" href="{}">', links
    )
