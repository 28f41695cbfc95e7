"""Smoke test of a production-like server (run by .ci/run, not by pytest).

    python tests/smoke/prod_smoke.py https://localhost:8443 http://localhost:8080

The server runs with DEBUG off, the demo content and DJANGO_BEHIND_PROXY=1,
behind nginx (deploy/nginx/embassy.conf), whose HTTPS address is the first
argument and plain HTTP address the second (SSL_CERT_FILE names the test
certificate). Pointed straight at gunicorn (one address), every request says
`X-Forwarded-Proto: https`, as the TLS proxy would, so Django treats it as
secure and sends HSTS. Checks every
public page type in every language: no server error, the security headers,
no cookie for an anonymous visitor, a request id, far-future caching of
static files, the health endpoints and (SMOKE_MEDIA_PATH) an upload.
Standard library only, so it can run against any deployment.
"""

import http.client
import os
import re
import sys
import urllib.error
import urllib.parse
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
    if not re.fullmatch(r"[0-9a-f]{32}", headers.get("X-Request-ID", "")):
        problems.append(f"no request id: {headers.get('X-Request-ID')!r}")
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


def health_problems(base):
    """Both endpoints answer 200, and nobody caches them."""
    problems = []
    for path in ("/healthz", "/readyz"):
        status, headers, body = fetch(base + path)
        print(f"{status} {base}{path} {body.decode()}")
        if status != 200 or headers.get("Cache-Control") != "no-store":
            problems.append(f"{path}: {status}, Cache-Control {headers.get('Cache-Control')!r}")
    return problems


def media_problems(base):
    """An upload is served (by nginx), as a file that cannot run as a page."""
    path = os.environ.get("SMOKE_MEDIA_PATH")
    if not path:
        return []
    status, headers, _body = fetch(base + path)
    print(f"{status} {base}{path}")
    if status != 200 or headers.get("X-Content-Type-Options") != "nosniff":
        return [f"{path}: status {status}, upload not served as a plain file"]
    return []


def body_limit_problems(base):
    """The proxy refuses a request body over 25 MB before anyone reads it."""
    parts = urllib.parse.urlsplit(base)
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_class(parts.hostname, parts.port, timeout=30)
    connection.putrequest("POST", "/admin/login/")
    connection.putheader("Content-Length", str(26 * 1024 * 1024))
    connection.putheader("X-Forwarded-Proto", "https")
    connection.endheaders()
    status = connection.getresponse().status
    connection.close()
    print(f"a 26 MB upload: {status}")
    return [] if status == 413 else [f"a 26 MB request body was not refused: {status}"]


def main(base, plain_base=None):
    failures = redirect_problems(plain_base or base)
    failures += health_problems(base) + media_problems(base)
    if plain_base:  # behind nginx: its limits
        failures += body_limit_problems(base)
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
    bases = [url.rstrip("/") for url in sys.argv[1:3]] or ["http://127.0.0.1:8033"]
    sys.exit(main(*bases))
