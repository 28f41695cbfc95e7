"""What an anonymous visitor gets on every kind of public page: no cookie and
no `Vary: Cookie`, so that browsers and shared caches may keep the page, and
nobody is tracked. Staff-only behaviour (previews) looks at the session only
after the public answer has been ruled out."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.cache import has_vary_header

from .pages import LABELS, LOCALIZED, STATUS, address, languages

pytestmark = pytest.mark.django_db


def test_only_the_language_redirect_varies_on_cookie(client):
    """/releases/ redirects to the visitor's language, which a language
    cookie may have chosen: Django marks that redirect Vary: Cookie, rightly."""
    response = client.get("/releases/")

    assert response.status_code == 302
    assert has_vary_header(response, "Cookie")
    assert not response.cookies


@pytest.mark.parametrize("label", LABELS)
def test_no_cookie_and_no_vary_cookie_for_anonymous_visitors(client, content, label):
    for language in languages(label):
        path = address(content, label, language or "en")

        response = client.get(path)

        assert response.status_code == STATUS.get(label, 200), path
        assert not response.cookies, path
        if label != "bare address":
            assert not has_vary_header(response, "Cookie"), path
        assert "sessionid" not in response.get("Set-Cookie", ""), path


# Under the admin's path but outside its namespace (the admin's templates
# look them up by these names): staff pages, not public ones.
STAFF_PAGES = {
    "admin_password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}


def named_patterns(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_public_url_pattern_has_a_page_here():
    public = {
        name
        for name in named_patterns(get_resolver().url_patterns)
        if not name.startswith(("admin:", "otp_webauthn:")) and name not in STAFF_PAGES
    }
    # Outside the language prefixes: robots.txt, the sitemaps, the switch, the icon.
    unprefixed = {
        "robots",
        "sitemap",
        "django.contrib.sitemaps.views.sitemap",
        "set_language",
        "favicon",
        "security-txt",
        "csp-report",
    }
    # Release pages are reached through get_absolute_url() (OBJECTS).
    covered = {name for name, _kwargs in LOCALIZED.values()} | unprefixed | {"releases:detail"}
    assert public - covered == set()
