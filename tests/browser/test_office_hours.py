"""The office form's weekly hours grid in Chromium: compact at 1280 × 800,
saved without JavaScript, mistakes shown at their cell with what was typed,
named for screen readers, and no axe violation or CSP report."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from contacts.models import Office

from .axe import ADMIN_KNOWN_VIOLATIONS, axe_violations, describe
from .pages import OFFICE
from .test_admin_csp import RECORD_VIOLATIONS
from .test_form_shape import height

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The demo's "Visa documents": Tuesdays and Thursdays, 15:00–16:30.
VISAS = "Visa documents"


def office_form(open_page, admin_cookies, **context_options):
    office = Office.objects.get(slug=OFFICE)
    page = open_page(viewport={"width": 1280, "height": 800}, **context_options)
    page.context.add_cookies(admin_cookies)
    page.goto(reverse("admin:contacts_office_change", args=[office.pk]))
    return office, page


def cell(page, service, day):
    # The cell's name is its row and column headers, as a screen reader says it.
    return page.get_by_role("textbox", name=f"{service} {day}", exact=True)


def save_and_continue(page):
    page.locator("input[name=_continue]").first.click()
    page.wait_for_load_state("load")


def test_the_grid_is_compact(open_page, admin_cookies, demo_content):
    _office, page = office_form(open_page, admin_cookies)
    grid = page.locator("#opening_hours-group").bounding_box()
    print(
        f"\noffice form height at 1280 px: {height(page)} px; hours grid: {grid['height']:.0f} px"
    )
    # Seven services of the demo and a row to add one fit in one screen.
    assert grid["height"] < 800
    expect(cell(page, VISAS, "Tuesday")).to_have_value("15:00–16:30")


def test_hours_are_saved_without_javascript(open_page, admin_cookies, demo_content):
    office, page = office_form(open_page, admin_cookies, java_script_enabled=False)
    cell(page, VISAS, "Saturday").fill("10-12")
    cell(page, VISAS, "Thursday").fill("")
    save_and_continue(page)
    expect(page.locator(".messagelist .success")).to_be_visible()
    rows = office.opening_hours.filter(service__name_en=VISAS)
    assert sorted((r.weekday, r.opens, r.closes) for r in rows) == [
        (1, datetime.time(15), datetime.time(16, 30)),
        (5, datetime.time(10), datetime.time(12)),
    ]
    expect(cell(page, VISAS, "Saturday")).to_have_value("10:00–12:00")
    expect(cell(page, VISAS, "Thursday")).to_have_value("")


def test_a_mistake_is_shown_at_its_cell_and_keeps_the_text(open_page, admin_cookies, demo_content):
    office, page = office_form(open_page, admin_cookies, bypass_csp=True)
    before = office.opening_hours.count()
    cell(page, VISAS, "Wednesday").fill("22:00–02:00")
    cell(page, VISAS, "Friday").fill("9-11")
    save_and_continue(page)
    wednesday = cell(page, VISAS, "Wednesday")
    expect(wednesday).to_have_value("22:00–02:00")
    expect(wednesday).to_have_attribute("aria-invalid", "true")
    expect(wednesday).to_have_accessible_description(
        '"22:00–02:00" runs past midnight. End it at 23:59 and type the rest on the next day.'
    )
    expect(cell(page, VISAS, "Friday")).to_have_value("9-11")
    assert office.opening_hours.count() == before

    # The grid with its error passes axe (the known exceptions are Django's own).
    violations, _known = axe_violations(page, ADMIN_KNOWN_VIOLATIONS)
    assert not violations, describe(violations)


def test_the_grid_by_keyboard_and_under_the_csp(open_page, admin_cookies, demo_content):
    _office, page = office_form(open_page, admin_cookies)
    page.add_init_script(RECORD_VIOLATIONS)
    page.reload()
    monday = cell(page, VISAS, "Monday")
    monday.focus()
    page.keyboard.press("Tab")
    expect(cell(page, VISAS, "Tuesday")).to_be_focused()
    page.keyboard.press("End")
    page.keyboard.type(", 17:00-18:00")
    expect(cell(page, VISAS, "Tuesday")).to_have_value("15:00–16:30, 17:00-18:00")
    # The grid's stylesheet applied (a file: no inline style under the CSP).
    sizing = page.evaluate("getComputedStyle(document.querySelector('.hours-cell')).boxSizing")
    assert sizing == "border-box"
    assert page.evaluate("window.__cspViolations") == []
