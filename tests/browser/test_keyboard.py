"""Keyboard only: Tab from the top of a page reaches every link and control,
each shows a visible focus indicator, and the skip link moves to the content."""

import pytest

from .pages import public_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KEYBOARD_PAGES = ["home", "release-list", "release-list-filtered", "search", "contacts"]

# Number every element a keyboard user should reach, and remember how each
# looks unfocused (nothing has focus right after loading).
MARK_FOCUSABLE = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
    + '[tabindex]:not([tabindex="-1"])';
  // checkVisibility also hides what a closed <details> holds.
  const shown = el => !el.disabled
    && el.checkVisibility({visibilityProperty: true, contentVisibilityAuto: true});
  return [...document.querySelectorAll(selector)].filter(shown).map((el, index) => {
    el.dataset.keyboardIndex = index;
    const style = getComputedStyle(el);
    return {index, html: el.outerHTML.slice(0, 120),
            look: [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow]};
  });
}"""

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el.dataset.keyboardIndex === undefined) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {index: Number(el.dataset.keyboardIndex),
          look: [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow],
          onScreen: box.bottom > 0 && box.right > 0
            && box.top < innerHeight && box.left < innerWidth};
}"""


def tab_through(page, count):
    """Press Tab until focus leaves the page; return what was focused, in order."""
    focused = []
    # Date inputs take one Tab per part (day, month, year): allow for them.
    for _ in range(count * 3 + 5):
        page.keyboard.press("Tab")
        current = page.evaluate(FOCUSED)
        if current is None:
            break
        if not focused or focused[-1]["index"] != current["index"]:
            focused.append(current)
    return focused


@pytest.mark.parametrize("page_name", KEYBOARD_PAGES)
def test_tab_reaches_every_control_with_visible_focus(open_page, demo_content, page_name):
    page = open_page(public_path(page_name, "en"))
    focusable = page.evaluate(MARK_FOCUSABLE)
    assert len(focusable) > 10, "the page should have links and controls to reach"

    focused = tab_through(page, len(focusable))

    reached = {item["index"] for item in focused}
    missed = [item["html"] for item in focusable if item["index"] not in reached]
    assert not missed, "Tab never reaches:\n" + "\n".join(missed)
    invisible = [
        focusable[item["index"]]["html"]
        for item in focused
        if item["look"] == focusable[item["index"]]["look"] or not item["onScreen"]
    ]
    assert not invisible, "No visible focus indicator on:\n" + "\n".join(invisible)


@pytest.mark.parametrize("page_name", KEYBOARD_PAGES)
def test_skip_link_moves_focus_to_the_main_content(open_page, demo_content, page_name):
    page = open_page(public_path(page_name, "en"))

    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    assert skip_link.get_attribute("href") == "#main"
    assert skip_link.is_visible()
    box = skip_link.bounding_box()
    assert box["y"] >= 0, "the focused skip link should be on screen"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")

    assert page.url.endswith("#main")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")
