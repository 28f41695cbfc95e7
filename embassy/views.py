from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve

# Uploaded files never change under the same name (Django adds a suffix on a
# clash), so browsers may keep them for a day.
serve_media = cache_control(public=True, max_age=86400)(serve)


@require_safe
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    """Crawlers may read everything public but the admin and search results
    (endless combinations of the same texts); the sitemap lists the rest."""
    search_paths = {"/search/"}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            search_paths.add(reverse("releases:search"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        *(f"Disallow: {path}" for path in sorted(search_paths)),
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(public=True, max_age=86400)
def favicon(request):
    """Feed readers and old browsers ask for /favicon.ico whatever the page
    says; send them to the icon the pages link (its hashed static name)."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
