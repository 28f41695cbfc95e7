"""The release form is shaped like the work (issue 18): at 1280 × 800 the
first screen holds kind, title, summary, the start of the body and "who
spoke"; one language at a time behind keyboard-usable tabs; nothing is cut
off at 1024 px. The heights measured are printed for the record."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from contacts.models import Office
from releases.models import Release

from .pages import FEATURED_RELEASE, OFFICE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# "Who spoke": the first speaker's row, not only the heading.
FIRST_SCREEN = [
    "#id_kind",
    "#id_title_en",
    "#id_summary_en",
    ".field-body_en",
    "#release_speakers-0",
]


def admin_page(open_page, admin_cookies, path, width=1280, height=800):
    page = open_page(viewport={"width": width, "height": height})
    page.context.add_cookies(admin_cookies)
    page.goto(path)
    return page


# Controls whose right edge passes the window or their own box, unless a
# box that scrolls sideways holds them (then they can be reached).
CUT_OFF = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => {
    for (let node = el.parentElement; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (["auto", "scroll"].includes(style.overflowX)) return true;
    }
    return false;
  };
  const controls = document.querySelectorAll(
    "#content-main input:not([type=hidden]), #content-main button, #content-main select, "
    + "#content-main textarea, #content-main .submit-row a, #content-main .add-row a");
  return Array.from(controls).filter((el) => {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) return false;
    const module = el.closest(".module, .inline-group") || document.body;
    const limit = Math.min(width, module.getBoundingClientRect().right);
    return box.right > limit + 1 && !scrolls(el);
  }).map((el) => el.name || el.id || el.className || el.tagName);
}"""


def height(page):
    return page.evaluate("document.documentElement.scrollHeight")


def test_the_release_form_first_screen_and_heights(open_page, admin_cookies, demo_content):
    release = Release.objects.get(slug=FEATURED_RELEASE)
    page = admin_page(
        open_page, admin_cookies, reverse("admin:releases_release_change", args=[release.pk])
    )
    print(f"\nrelease form height at 1280 px: {height(page)} px")
    for selector in FIRST_SCREEN:
        box = page.locator(selector).first.bounding_box()
        assert box is not None, selector
        top = box["y"]
        print(f"{selector} starts at {top:.0f} px")
        assert top < 800, f"{selector} starts at {top} px, below the first screen"


def test_one_language_at_a_time_with_the_keyboard(open_page, admin_cookies, demo_content):
    release = Release.objects.get(slug=FEATURED_RELEASE)
    page = admin_page(
        open_page, admin_cookies, reverse("admin:releases_release_change", args=[release.pk])
    )
    expect(page.locator("#id_title_en")).to_be_visible()
    expect(page.locator("#id_title_ru")).to_be_hidden()
    english = page.get_by_role("tab", name="English")
    english.focus()
    page.keyboard.press("ArrowRight")
    russian = page.get_by_role("tab", selected=True)
    expect(russian).to_contain_text("Russian")
    expect(russian).to_be_focused()
    expect(page.locator("#id_title_ru")).to_be_visible()
    expect(page.locator("#id_title_en")).to_be_hidden()
    # Fields that are not translated stay on every tab.
    expect(page.locator("#id_kind")).to_be_visible()


@pytest.mark.parametrize("width", [1024, 1280])
def test_nothing_is_cut_off(open_page, admin_cookies, demo_content, width):
    release = Release.objects.get(slug=FEATURED_RELEASE)
    office = Office.objects.get(slug=OFFICE)
    for path in (
        reverse("admin:releases_release_change", args=[release.pk]),
        reverse("admin:contacts_office_change", args=[office.pk]),
    ):
        page = admin_page(open_page, admin_cookies, path, width=width)
        if width == 1280 and "office" in path:
            print(f"\noffice form height at 1280 px: {height(page)} px")
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= width, f"{path} is {overflow} px wide at {width} px"
        assert page.evaluate(CUT_OFF) == [], f"cut off on {path} at {width} px"


def test_a_date_without_a_time_has_no_time_zone_warning(open_page, admin_cookies, demo_content):
    # A browser five and a half hours behind the mission (London, Kolkata).
    page = open_page(timezone_id="Europe/London")
    page.context.add_cookies(admin_cookies)
    page.goto(reverse("admin:contacts_closure_add"))
    page.wait_for_load_state("load")
    warnings = page.locator(".timezonewarning").all()
    assert warnings  # Django adds them: the browser is on another clock
    for warning in warnings:
        expect(warning).to_be_hidden()
    release = Release.objects.get(slug=FEATURED_RELEASE)
    page.goto(reverse("admin:releases_release_change", args=[release.pk]))
    page.wait_for_load_state("load")
    expect(page.locator(".field-date .timezonewarning")).to_be_hidden()
    # A publication time has a time: it keeps the warning.
    expect(page.locator(".field-published_at .timezonewarning")).to_be_visible()
