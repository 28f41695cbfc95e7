import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.i18n import set_language

from accounts.views import csp_report, password_reset_urls, security_txt
from embassy.sitemaps import SITEMAPS
from embassy.sitemaps import index as sitemap_index
from embassy.views import favicon, robots_txt, serve_media
from releases.views import HomeView

admin.site.site_header = admin.site.site_title = settings.EMBASSY_NAME
admin.site.index_title = _("Site administration")

ADMIN = settings.ADMIN_PATH
public = cache_control(public=True, max_age=settings.PUBLIC_CACHE_SECONDS)

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    # The admin stays at one address (DJANGO_ADMIN_PATH); its language
    # follows the browser. Password reset and passkeys live under it, so
    # they get the admin's no-store and noindex headers.
    *(path(ADMIN + route, view, name=name) for route, view, name in password_reset_urls),
    path(f"{ADMIN}passkeys/", include("accounts.passkeys")),
    path(ADMIN, admin.site.urls),
    path(".well-known/security.txt", security_txt, name="security-txt"),
    path("csp-report/", csp_report, name="csp-report"),
    # For crawlers: one address whatever the language.
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon, name="favicon"),
    # Public like every page, so the page cache and proxies keep them.
    path("sitemap.xml", public(sitemap_index), {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        public(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS, "template_name": "sitemaps/sitemap.xml"},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]

# Every public page lives under /en/, /ru/ or /hi/; a bare path redirects to
# the visitor's language.
urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("", include("releases.urls")),
    path("contacts/", include("contacts.urls")),
    path("services/", include("services.urls")),
    path("", include("notices.urls")),
    prefix_default_language=True,
)

if settings.SERVE_MEDIA:
    # Uploaded images and documents, in development only (DEBUG on): in
    # production nginx serves MEDIA_ROOT (deploy/nginx/) or the uploads are
    # in object storage (DJANGO_MEDIA_STORAGE=s3).
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            serve_media,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]
handler500 = "ops.middleware.server_error"
