"""Pages cannot silently grow: each page type's transferred bytes (HTML, CSS,
images, fonts; the public pages need no script) stay within its budget in
every language. The figures are printed at the end of the run. On the way,
a first visit loads no script and breaks none of the page's own CSP rules
(an inline style or script would)."""

import pytest

from .pages import EXPECTED_STATUS, LANGUAGES, PAGE_WEIGHT_BUDGETS, PUBLIC_PAGES, public_path
from .support import PAGE_WEIGHTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The document and everything it loads, as the Resource Timing API saw them.
TRANSFERS = """() => performance.getEntriesByType("navigation")
  .concat(performance.getEntriesByType("resource"))
  .map(entry => ({url: entry.name, kind: entry.initiatorType, bytes: entry.transferSize}))"""


def first_visit(open_page, path, expected_status):
    """Load `path` with an empty cache; return (what it transferred, CSP refusals)."""
    page = open_page(viewport={"width": 1280, "height": 800})
    refused = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and refused.append(message.text),
    )
    response = page.goto(path, wait_until="networkidle")
    assert response.status == expected_status, path
    # The browser asks for /favicon.ico by itself, sometimes after the page
    # has settled: counting it would make the figures jitter.
    transfers = [t for t in page.evaluate(TRANSFERS) if not t["url"].endswith("/favicon.ico")]
    return transfers, refused


@pytest.mark.parametrize("page_name", PUBLIC_PAGES)
def test_page_stays_within_its_weight_budget(open_page, demo_content, page_name):
    assert page_name in PAGE_WEIGHT_BUDGETS, f"Set a budget for {page_name} in pages.py"
    budget = PAGE_WEIGHT_BUDGETS[page_name]
    # Database queries first: none while the browser may still be fetching.
    paths = {language: public_path(page_name, language) for language in LANGUAGES}
    over = []
    for language, path in paths.items():
        transfers, refused = first_visit(open_page, path, EXPECTED_STATUS.get(page_name, 200))

        scripts = [t["url"] for t in transfers if t["kind"] == "script"]
        assert not scripts, f"Public pages load no script, but {path} loads {scripts}"
        assert not refused, f"{path} breaks its own CSP: {refused}"
        total = sum(t["bytes"] for t in transfers)
        PAGE_WEIGHTS[page_name, language] = total
        if total > budget:
            files = ", ".join(
                f"{t['url'].rsplit('/', 1)[-1] or t['url']}: {t['bytes']}" for t in transfers
            )
            over.append(f"{path}: {total:,} bytes > {budget:,} ({files})")
    assert not over, "\n".join(over)
