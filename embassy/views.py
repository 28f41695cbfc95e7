from pathlib import PurePosixPath

from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve

# Shown in the browser; every other upload (office documents) is downloaded,
# so that no uploaded file can run as a page of the site.
INLINE_MEDIA_TYPES = {"application/pdf", "image/jpeg", "image/png", "image/webp", "image/gif"}


# Uploaded files never change under the same name (Django adds a suffix on a
# clash), so browsers may keep them for a day.
@cache_control(public=True, max_age=86400)
def serve_media(request, path, document_root):
    response = serve(request, path, document_root=document_root)
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    if content_type not in INLINE_MEDIA_TYPES:
        name = PurePosixPath(path).name
        response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


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
        # A custom admin path is not written here, where anyone can read it.
        *(["Disallow: /admin/"] if settings.ADMIN_PATH == "admin/" else []),
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
