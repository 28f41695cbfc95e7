"""Real-browser checks: Playwright drives Debian's Chromium against
pytest-django's live server, with the demo content loaded.

Locally, a missing tool (Chromium, Node's packages, Java) skips these tests
with the command that installs it; in CI (CI=true) it fails them instead,
because .ci/run installs every tool first.
"""

import os
import re
import shutil

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

from demo import contacts as contacts_demo
from demo import releases as releases_demo
from demo import services as services_demo
from releases.models import Attachment, Release
from releases.workflow.roles import PUBLISHER, grant_role_permissions
from tests.accounts_support import app_device, verified_client

from .axe import ADMIN_KNOWN_VIOLATIONS
from .pages import ADMIN_PAGES, FEATURED_RELEASE
from .support import (
    ADMIN_PAGES_CHECKED,
    CHROMIUM,
    CHROMIUM_ARGS,
    KNOWN_VIOLATIONS_SEEN,
    PAGE_WEIGHTS,
    RESULTS_DIR,
    jpeg_bytes,
    pdf_bytes,
    require,
    require_node_module,
)

PUBLISHER_PASSWORD = "publisher-password-for-tests"

REPORTS = pytest.StashKey[dict]()


@pytest.fixture(scope="session")
def browser():
    require(CHROMIUM.exists(), "Chromium", "apt-get install chromium")
    # Playwright's sync API keeps an event loop in the test thread, and Django
    # refuses ORM calls next to a running loop. Tests here call the ORM only
    # between browser steps, never concurrently, so the guard can be lifted.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        # Debian's Chromium, never `playwright install` (no download here).
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class SequentialWSGIServer(WSGIServer):
    """Answers one request at a time, in the live server's thread.

    On SQLite the test database lives in memory behind one connection, which
    the live server shares. Django's default threaded server would use it
    from several threads at once whenever Chromium fetches in parallel (a page
    and its admin scripts), and SQLite then fails at random (seen: two rows
    for one session key).
    """

    def __init__(self, *args, connections_override=None, **kwargs):
        # The live server's thread already uses these connections.
        super().__init__(*args, **kwargs)


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, with SequentialWSGIServer."""
    address = (
        request.config.getvalue("liveserver")
        or os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LiveServerThread, "server_class", SequentialWSGIServer)
        server = LiveServer(address)  # starts the thread, which creates the server
    yield server
    server.stop()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so fixtures can see a failure."""
    report = yield
    item.stash.setdefault(REPORTS, {})[report.when] = report
    return report


@pytest.fixture
def open_page(request, browser, live_server):
    """open_page(path, **context_options) -> a Playwright page at live_server + path.

    Each call gets a fresh context (no shared cookies or cache). When the test
    fails, every page it opened is saved as a screenshot in test-results/.
    """
    contexts = []

    def _open(path=None, **context_options):
        context = browser.new_context(base_url=live_server.url, **context_options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        if path is not None:
            page.goto(path)
        return page

    yield _open
    call = request.node.stash.get(REPORTS, {}).get("call")
    if call is not None and call.failed:
        save_screenshots(request.node.nodeid, contexts)
    for context in contexts:
        context.close()


def save_screenshots(nodeid, contexts):
    RESULTS_DIR.mkdir(exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid)[-150:]
    pages = [page for context in contexts for page in context.pages]
    for number, page in enumerate(pages, start=1):
        path = RESULTS_DIR / f"{name}-{number}.png"
        try:
            page.screenshot(path=path, full_page=True)
        except Exception as error:  # a failed screenshot must not hide the test's failure
            print(f"Could not save {path}: {error}")
        else:
            print(f"Screenshot of the failed test: {path}")


@pytest.fixture
def demo_content(db):
    """The demo site, with a lead image and a PDF on the featured release."""
    releases_demo.load()
    contacts_demo.load()
    services_demo.load()
    release = Release.objects.get(slug=FEATURED_RELEASE)
    release.image.save("lead.jpg", ContentFile(jpeg_bytes()), save=False)
    release.image_alt_en = "The minister speaking at a lectern"
    release.image_alt_ru = "Министр выступает за трибуной"
    release.image_caption_en = "At the ministry, 10 February 2018"
    release.save()
    attachment = Attachment(release=release, title_en="Full text (PDF)")
    attachment.file.save("greetings.pdf", ContentFile(pdf_bytes()), save=True)
    return release


@pytest.fixture
def publisher(db):
    """A staff member in the Publisher role (releases/workflow/roles.py), and no more."""
    # A transactional test starts from an emptied database: make the groups again.
    grant_role_permissions(create_groups=True)
    user = get_user_model().objects.create_user(
        "publisher", "publisher@example.org", PUBLISHER_PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=PUBLISHER))
    app_device(user)  # the second factor that log_in() types
    return user


@pytest.fixture
def admin_cookies(django_user_model, live_server):
    """Session cookies of a logged-in superuser, for checks of any admin page."""
    user = django_user_model.objects.create_superuser("site-admin", "admin@example.org", "unused")
    client = verified_client(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    # Chromium takes a __Host- cookie only when Secure, with path / and no
    # domain; http://localhost counts as a secure origin.
    host = live_server.url.split("//", 1)[1].split(":")[0]
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session, "path": "/"}
    return [{**cookie, "domain": host, "secure": settings.SESSION_COOKIE_SECURE}]


@pytest.fixture(scope="session")
def vnu_command():
    """The Nu HTML Checker, as a command line."""
    jar = require_node_module("vnu-jar/build/dist/vnu.jar")
    java = shutil.which("java")
    require(java, "Java", "apt-get install default-jre-headless")
    return [java, "-jar", str(jar)]


def pytest_terminal_summary(terminalreporter):
    """The page weights measured, and admin exceptions no page needed any more."""
    if PAGE_WEIGHTS:
        terminalreporter.section("page weight (bytes transferred)")
        for (page, language), size in sorted(PAGE_WEIGHTS.items()):
            terminalreporter.write_line(f"{page:24} {language:3} {size:>9,}")
    if len(ADMIN_PAGES_CHECKED) == len(ADMIN_PAGES):
        unused = [k for n, k in enumerate(ADMIN_KNOWN_VIOLATIONS) if n not in KNOWN_VIOLATIONS_SEEN]
        for known in unused:
            terminalreporter.write_line(
                f"Known axe violation no longer found, remove it from tests/browser/axe.py: "
                f"{known.rule} on {known.selector}",
                yellow=True,
            )
