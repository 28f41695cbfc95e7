"""On a phone, in each language, a citizen gets from the home page to what
to bring to renew a passport, what it costs and when to go, in at most
three clicks, on pages axe finds no fault with."""

import re

import pytest
from django.utils import translation

from .axe import axe_violations, describe
from .test_phone import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The link texts a citizen follows, in the language of the page.
SERVICES_LINK = {"en": "Consular services", "ru": "Консульские услуги", "hi": "कांसुलर सेवाएँ"}
PASSPORT_LINK = {
    "en": "Renewing a passport",
    "ru": "Замена заграничного паспорта",
    "hi": "पासपोर्ट का नवीनीकरण",
}
ANSWERS = {
    "en": ("What to bring", "What it costs", "How to apply"),
    "ru": ("Что взять с собой", "Сколько это стоит", "Как подать документы"),
    "hi": ("क्या साथ लाएँ", "इसकी लागत", "आवेदन कैसे करें"),
}
# "Open now, closes at 12:30" or "Closed, opens on Monday at 09:30", in any language.
OPEN_OR_NEXT = re.compile(r"[0-9]{2}:[0-9]{2}")


def no_violations(page):
    violations, _known = axe_violations(page)
    assert not violations, f"{page.url}\n{describe(violations)}"


@pytest.mark.parametrize("language", ["en", "ru", "hi"])
def test_passport_renewal_in_two_clicks_from_the_home_page_on_a_phone(
    open_page, demo_content, language
):
    page = open_page(
        f"/{language}/",
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        bypass_csp=True,
    )
    clicks = 0
    page.get_by_role("link", name=SERVICES_LINK[language], exact=True).first.click()
    clicks += 1
    no_violations(page)
    page.get_by_role("link", name=re.compile(re.escape(PASSPORT_LINK[language]))).click()
    clicks += 1
    assert clicks <= 3
    with translation.override(language):
        assert page.url.endswith(f"/{language}/services/passport-renewal/")
    documents, costs, apply = ANSWERS[language]
    for heading in (documents, costs, apply):
        assert page.get_by_role("heading", name=heading).is_visible()
    assert page.locator(".document-list li").count() >= 3
    assert "INR" in page.locator(".fee-table").inner_text()
    assert OPEN_OR_NEXT.search(page.locator(".open-status").first.inner_text())
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the page scrolls sideways on a phone"
    no_violations(page)


@pytest.mark.parametrize("language", ["en", "ru", "hi"])
def test_the_checklist_prints_on_one_a4_page(open_page, demo_content, language):
    # The width of an A4 page less its 12 mm margins, at 96 pixels an inch.
    page = open_page(
        f"/{language}/services/passport-renewal/", viewport={"width": 703, "height": 1000}
    )
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages == 1, f"the print view takes {pages} pages"
