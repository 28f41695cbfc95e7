"""On a phone, a citizen in trouble sees the emergency number at once and can dial it."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 667}


def test_emergency_number_is_visible_without_scrolling_and_dials(open_page, demo_content):
    page = open_page(
        "/en/contacts/", viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )

    emergency = page.get_by_role("region", name=re.compile("emergency", re.IGNORECASE))
    link = emergency.locator('a[href^="tel:"]').first
    assert link.is_visible()
    box = link.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], "scroll needed"
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], "cut off at the side"
    assert re.fullmatch(r"tel:\+[0-9][0-9-]{6,}", link.get_attribute("href"))
    assert re.search(r"[0-9]", link.inner_text())
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the page scrolls sideways on a phone"
