"""The crisis banner: on top of every kind of public page, in every language,
from the emergency notice's start second to its end second, and on none
before or after."""

import datetime

import pytest

from tests.factories import NoticeFactory
from tests.public_site.pages import LANGUAGES, address, make_content

pytestmark = pytest.mark.django_db

# Every kind of HTML page (feeds, calendars and files have no banner).
HTML_PAGES = [
    "home",
    "release list",
    "year",
    "release",
    "withdrawn release",
    "speakers",
    "speaker",
    "topic",
    "events",
    "event",
    "search",
    "contacts",
    "office",
    "e-mail reveal",
    "notices",
    "notice",
    "subscribe",
    "not found (404)",
    "unpublished release (410)",
]
BANNER = 'class="crisis-banner"'


def banner_on(client, content, label, language):
    response = client.get(address(content, label, language))
    page = response.content.decode()
    return BANNER in page and "Earthquake: stay outside" in page


def test_the_banner_is_on_every_page_in_every_language_from_start_to_end(client, clock):
    content = make_content()
    start = clock.now + datetime.timedelta(hours=1)
    end = start + datetime.timedelta(hours=2)
    NoticeFactory(
        status="published",
        emergency=True,
        published_at=start,
        unpublish_at=end,
        title_en="Earthquake: stay outside",
        title_ru="Earthquake: stay outside",
        title_hi="Earthquake: stay outside",
        slug="earthquake",
    )
    moments = {
        start - datetime.timedelta(seconds=1): False,
        start: True,
        end - datetime.timedelta(seconds=1): True,
        end: False,
    }
    for moment, expected in moments.items():
        clock.set(moment)
        for language in LANGUAGES:
            for label in HTML_PAGES:
                assert banner_on(client, content, label, language) is expected, (
                    moment,
                    language,
                    label,
                )
