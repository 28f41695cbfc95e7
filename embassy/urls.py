import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from embassy.sitemaps import SITEMAPS
from embassy.views import favicon, robots_txt, serve_media
from releases.views import HomeView

admin.site.site_header = admin.site.site_title = settings.EMBASSY_NAME
admin.site.index_title = _("Site administration")

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    # The admin stays at one address; its language follows the browser.
    path("admin/", admin.site.urls),
    # For crawlers: one address whatever the language.
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon, name="favicon"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]

# Every public page lives under /en/, /ru/ or /hi/; a bare path redirects to
# the visitor's language.
urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("", include("releases.urls")),
    path("contacts/", include("contacts.urls")),
    prefix_default_language=True,
)

if settings.SERVE_MEDIA:
    # Uploaded images and documents. A large site would put a web server or
    # object storage in front of MEDIA_ROOT instead (DJANGO_SERVE_MEDIA=0).
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            serve_media,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]
