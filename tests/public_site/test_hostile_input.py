"""Hostile query strings on every public page, in every language: whatever a
crawler, a fuzzer or a broken link sends, the answer is a page, a 400 or a
404, never a server error."""

import pytest

from .pages import LABELS, address, languages

pytestmark = pytest.mark.django_db

# Every parameter a public page reads: the release filters and search, the
# calendar's kind, the sitemap's page (p), the language switch's next.
PARAMETERS = ["q", "kind", "speaker", "topic", "event", "year", "date_from", "date_to", "p"]
VALUES = {
    "10,000 characters": "x" * 10_000,
    "NUL byte": "a%00b",
    "invalid UTF-8 (stray, overlong, surrogate)": "%FF%FE%C0%AF%ED%A0%80",
    "right-to-left override, byte order mark, emoji": "%E2%80%AEtxet%EF%BB%BF%F0%9F%98%80",
    "markup and a header injection": "%3Cscript%3Ex%3C%2Fscript%3E%0D%0ASet-Cookie:%20a=b",
    "huge number": "9999999999999999999999",
}
# "²" is a digit to str.isdigit() but not to int().
PAGES = ["-1", "9999999999999999999999", "%C2%B2", "%00%FF"]

QUERY_STRINGS = {
    **{
        f"every parameter: {name}": "&".join(f"{parameter}={value}" for parameter in PARAMETERS)
        for name, value in VALUES.items()
    },
    **{f"page={value}": f"page={value}&p={value}" for value in PAGES},
    "10,000 characters, no value": "y" * 10_000,
    "repeated, empty and odd keys": (
        "q=a&q=b&kind=&kind=speech&=x&&&speaker[]=1&year=%%&next=%2F%2Fevil.example"
    ),
}


@pytest.mark.parametrize("label", LABELS)
def test_no_query_string_makes_a_server_error(client, content, label):
    for language in languages(label):
        path = address(content, label, language or "en")
        for name, query in QUERY_STRINGS.items():
            response = client.get(f"{path}?{query}" if "?" not in path else f"{path}&{query}")
            assert response.status_code < 500, (path, name)


@pytest.mark.parametrize(
    "path",
    [
        "/en/releases/0000/",
        "/en/releases/0000/01/01/x/",
        "/en/releases/9999/12/31/x/",
        "/en/releases/2018/00/00/x/",
        "/en/releases/2018/02/30/x/",
        "/sitemap-%00.xml",
        "/en/contacts/e-mail/99999999999999999999999/",
        "/en/speakers/%D0%B0/",
        "/media/../etc/passwd",
        "/media/%00",
    ],
)
def test_odd_addresses_are_not_found(client, path):
    assert client.get(path).status_code in (400, 404)
