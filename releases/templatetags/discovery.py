"""Template tags that help people and machines find the site's content:
feed addresses for the current list, and the sharing metadata of a page."""

from django import template
from django.http import QueryDict
from django.urls import reverse

from ..feeds import feed_query_string
from ..models import Event, Speaker, Topic
from ..seo import page_metadata

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
    params = context["request"].GET.copy() if filtered else QueryDict(mutable=True)
    if year:
        params["year"] = str(year)
    query_string = feed_query_string(params)
    return {
        "atom": reverse(f"{name}-atom", kwargs=kwargs) + query_string,
        "rss": reverse(f"{name}-rss", kwargs=kwargs) + query_string,
    }


@register.inclusion_tag("includes/meta.html", takes_context=True)
def sharing_meta(context, obj=None):
    """Canonical address, OpenGraph, Twitter card and JSON-LD of the page."""
    request = context.get("request")
    if request is None:
        return {"meta": None}
    page = context.get("page_obj")
    return {"meta": page_metadata(request, obj, page.number if page else 1)}
