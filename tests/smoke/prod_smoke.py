"""Smoke test of a production-like server (run by .ci/run, not by pytest).

    python tests/smoke/prod_smoke.py http://127.0.0.1:8033

The server runs with DEBUG off, the demo content and DJANGO_BEHIND_PROXY=1.
Every request says `X-Forwarded-Proto: https`, as the TLS proxy in front of
the site would, so Django treats it as secure and sends HSTS. Checks every
public page type in every language: no server error, the security headers,
no cookie for an anonymous visitor, and far-future caching of static files.
Standard library only, so it can run against any deployment.
"""

import re
import sys
import urllib.error
import urllib.request

LANGUAGES = ["en", "ru", "hi"]
# The page types of tests/browser/pages.py, as paths in the demo content.
PAGES = {
    "home": "/{lang}/",
    "release-list": "/{lang}/releases/",
    "release-list-filtered": "/{lang}/releases/?speaker=sergey-lavrov&kind=greetings",
    "release": "/{lang}/releases/2018/02/10/lavrov-greetings-diplomats-day/",
    "speakers": "/{lang}/speakers/",
    "speaker": "/{lang}/speakers/sergey-lavrov/",
    "events": "/{lang}/events/",
    "event": "/{lang}/events/india-russia-ict-security-consultations-2018/",
    "topic": "/{lang}/topics/diplomatic-service/",
    "contacts": "/{lang}/contacts/",
    "office": "/{lang}/contacts/embassy/",
    "search": "/{lang}/search/?q=diplomats",
    "404": "/{lang}/no-such-page/",
}
EXPECTED_STATUS = {"404": 404}
ONE_YEAR = 365 * 24 * 3600


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(url, via_https_proxy=True):
    """(status, headers, body) of a GET, without following redirects."""
    headers = {"X-Forwarded-Proto": "https"} if via_https_proxy else {}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def csp_directives(header):
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def page_problems(status, headers, expected_status):
    problems = []
    if status != expected_status:
        problems.append(f"status {status}, expected {expected_status}")
    csp = csp_directives(headers.get("Content-Security-Policy", ""))
    if not csp:
        problems.append("no Content-Security-Policy")
    for directive in ("script-src", "style-src"):
        sources = csp.get(directive, csp.get("default-src", []))
        if not sources or "'unsafe-inline'" in sources:
            problems.append(f"CSP {directive} missing or allows 'unsafe-inline': {sources}")
    if csp.get("frame-ancestors") is None:
        problems.append("CSP has no frame-ancestors")
    hsts = headers.get("Strict-Transport-Security", "")
    if not re.search(r"max-age=[1-9]", hsts):
        problems.append(f"Strict-Transport-Security missing or zero: {hsts!r}")
    if headers.get("X-Content-Type-Options", "").lower() != "nosniff":
        problems.append("X-Content-Type-Options is not nosniff")
    if not headers.get("Referrer-Policy"):
        problems.append("no Referrer-Policy")
    if headers.get_all("Set-Cookie"):
        problems.append(f"sets a cookie on an anonymous page: {headers.get_all('Set-Cookie')}")
    return problems


def static_problems(base, home_html):
    """The hashed stylesheet named by the home page is cached for a year."""
    match = re.search(rb'<link rel="stylesheet" href="([^"]+\.[0-9a-f]{12}\.css)"', home_html)
    if not match:
        return ["home page links no hashed stylesheet (was collectstatic run?)"]
    url = base + match.group(1).decode()
    status, headers, _body = fetch(url)
    cache = headers.get("Cache-Control", "")
    max_age = re.search(r"max-age=(\d+)", cache)
    problems = []
    if status != 200:
        problems.append(f"{url}: status {status}")
    if not max_age or int(max_age.group(1)) < ONE_YEAR or "immutable" not in cache:
        problems.append(f"{url}: Cache-Control {cache!r}, expected a year or more and immutable")
    print(f"static {url}: {status}, Cache-Control: {cache}")
    return problems


def redirect_problems(base):
    """A visitor who reaches the site over plain HTTP is sent to HTTPS."""
    status, headers, _body = fetch(base + "/en/", via_https_proxy=False)
    location = headers.get("Location", "")
    print(f"plain HTTP {base}/en/: {status} -> {location}")
    if status != 301 or not location.startswith("https://"):
        return [f"plain HTTP is not redirected to HTTPS: {status} {location!r}"]
    return []


def main(base):
    failures = redirect_problems(base)
    home_html = b""
    for name, pattern in PAGES.items():
        for language in LANGUAGES:
            url = base + pattern.format(lang=language)
            status, headers, body = fetch(url)
            print(f"{status} {url}")
            if name == "home" and language == "en":
                home_html = body
            problems = page_problems(status, headers, EXPECTED_STATUS.get(name, 200))
            failures += [f"{url}: {problem}" for problem in problems]
    failures += static_problems(base, home_html)
    if failures:
        print("\nProduction smoke test FAILED:\n" + "\n".join(failures), file=sys.stderr)
        return 1
    print(f"\nProduction smoke test: {len(PAGES) * len(LANGUAGES)} pages and a static file OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8033"))
