"""Every page links its other language versions (hreflang alternates and the
language switcher), staying on the same item; bare paths redirect."""

import pytest
from django.conf import settings

from tests.factories import EventFactory, ReleaseFactory, SpeakerFactory, TopicFactory

from .pages import one, parse, text

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def pages():
    """One path (without the language prefix) per kind of public page."""
    speaker = SpeakerFactory(slug="sergey-lavrov")
    topic = TopicFactory(slug="brics")
    event = EventFactory(published=True, slug="diplomats-day-2018")
    ReleaseFactory(
        published=True, slug="greetings", speakers=[speaker], topics=[topic], event=event
    )
    return {
        "home": "/",
        "list": "/releases/",
        "release": "/releases/2018/02/16/greetings/",
        "speaker": "/speakers/sergey-lavrov/",
        "event": "/events/diplomats-day-2018/",
        "topic": "/topics/brics/",
    }


@pytest.mark.parametrize("kind", ["home", "list", "release", "speaker", "event", "topic"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_lists_its_language_versions(client, pages, kind, language):
    path = pages[kind]
    doc = parse(client.get(f"/{language}{path}"))
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in doc.xpath("//head/link[@rel='alternate'][@hreflang]")
    }
    assert alternates == {
        "en": f"http://testserver/en{path}",
        "ru": f"http://testserver/ru{path}",
        "hi": f"http://testserver/hi{path}",
        "x-default": f"http://testserver/en{path}",
    }


@pytest.mark.parametrize("kind", ["home", "list", "release", "speaker", "event", "topic"])
def test_switcher_marks_the_current_language_and_links_the_others(client, pages, kind):
    path = pages[kind]
    doc = parse(client.get(f"/ru{path}"))
    switcher = one(doc, "//nav[contains(@class, 'languages')]")
    current = one(switcher, ".//*[@aria-current]")
    assert (current.tag, current.get("lang"), text(current)) == ("span", "ru", "Русский")
    links = {a.get("hreflang"): a for a in switcher.xpath(".//a")}
    assert set(links) == {"en", "hi"}
    for language, link in links.items():
        assert link.get("lang") == language
        assert link.get("href") == f"/{language}{path}"


def test_the_switcher_keeps_you_on_the_same_item(client):
    release = ReleaseFactory(
        published=True, slug="ict", title_en="ICT consultations", title_ru="Консультации по ИКТ"
    )
    doc = parse(client.get("/en/releases/2018/02/16/ict/"))
    russian = one(doc, "//nav[contains(@class, 'languages')]//a[@hreflang='ru']")
    doc = parse(client.get(russian.get("href")))
    assert text(one(doc, "//h1")) == "Консультации по ИКТ"
    assert release.slug in russian.get("href")


def test_alternates_keep_the_query_string(client):
    doc = parse(client.get("/ru/releases/?kind=statement"))
    hrefs = doc.xpath("//head/link[@rel='alternate' and @hreflang='hi']/@href")
    assert hrefs == ["http://testserver/hi/releases/?kind=statement"]


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("ru", "/ru/releases/"),
        ("hi-IN,hi;q=0.9,en;q=0.8", "/hi/releases/"),
        ("de", "/en/releases/"),
    ],
)
def test_bare_paths_redirect_to_the_visitors_language(client, accept_language, expected):
    response = client.get("/releases/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_bare_paths_default_to_english(client):
    assert client.get("/releases/")["Location"] == "/en/releases/"


def test_language_pages_set_no_cookie(client, pages):
    for language in LANGUAGES:
        response = client.get(f"/{language}{pages['release']}")
        assert response.status_code == 200
        assert not response.cookies
