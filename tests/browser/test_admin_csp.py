"""The admin's forms with the rich-text editor run under the site's CSP
without a single violation or console error, as a publisher opens them."""

import pytest
from playwright.sync_api import expect

from releases.models import Event, Release

from .pages import EVENT, FEATURED_RELEASE
from .test_publishing import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Recorded before any script of the page runs: every CSP violation the
# browser reports, also those a script caught and never logged.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}`);
});
"""


EDITOR_STYLE_RULES = """
document.querySelector("style[data-tiptap-style]")?.sheet?.cssRules.length ?? 0
"""


def form_paths():
    release = Release.objects.get(slug=FEATURED_RELEASE)
    event = Event.objects.get(slug=EVENT)
    return [
        "/admin/releases/release/add/",
        f"/admin/releases/release/{release.pk}/change/",
        "/admin/releases/event/add/",
        f"/admin/releases/event/{event.pk}/change/",
    ]


def test_rich_text_forms_raise_no_csp_violation(open_page, demo_content, publisher):
    page = open_page()
    page.add_init_script(RECORD_VIOLATIONS)
    console_errors = []
    page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
    page.on("pageerror", lambda error: console_errors.append(str(error)))
    log_in(page)
    for path in form_paths():
        page.goto(path)
        # The editor has started: its editable area replaced the textarea.
        expect(page.locator(".prose-editor [contenteditable=true]").first).to_be_visible()
        page.locator(".prose-editor [contenteditable=true]").first.click()
        page.keyboard.type("Typed in the editor.")
        violations = page.evaluate("window.__cspViolations")
        assert (violations, console_errors) == ([], []), path
        # The editor's own base styles apply (they were not just left out).
        assert page.evaluate(EDITOR_STYLE_RULES) > 0, path
