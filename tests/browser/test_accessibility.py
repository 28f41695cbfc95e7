"""axe-core finds no WCAG 2.2 A/AA violation on any page, in any language."""

import pytest

from .axe import ADMIN_KNOWN_VIOLATIONS, axe_violations, describe
from .pages import ADMIN_PAGES, EXPECTED_STATUS, admin_path, public_pages, public_path
from .support import ADMIN_PAGES_CHECKED, KNOWN_VIOLATIONS_SEEN

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("page_name", "language"), public_pages())
def test_public_page_has_no_accessibility_violations(open_page, demo_content, page_name, language):
    page = open_page(bypass_csp=True)
    response = page.goto(public_path(page_name, language))
    assert response.status == EXPECTED_STATUS.get(page_name, 200)

    violations, _known = axe_violations(page)

    assert not violations, f"{page.url}\n{describe(violations)}"


@pytest.mark.parametrize(
    ("model", "action"),
    ADMIN_PAGES,
    ids=[f"{model._meta.model_name}-{action}" for model, action in ADMIN_PAGES],
)
def test_admin_form_has_no_accessibility_violations(
    open_page, demo_content, admin_cookies, model, action
):
    page = open_page(bypass_csp=True)
    page.context.add_cookies(admin_cookies)
    response = page.goto(admin_path(model, action))
    assert response.status == 200
    page.wait_for_load_state("networkidle")  # the editors and widgets are built by script

    violations, known = axe_violations(page, ADMIN_KNOWN_VIOLATIONS)
    KNOWN_VIOLATIONS_SEEN.update(known)
    ADMIN_PAGES_CHECKED.append(page.url)

    assert not violations, f"{page.url}\n{describe(violations)}"
