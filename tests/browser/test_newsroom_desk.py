"""The newsroom desk in a real browser (issue 18): review that talks back,
the schedule in the publisher's calendar, corrections to a live release,
and no lost text."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from releases.models import Release
from releases.workflow.roles import EDITOR, PUBLISHER, grant_role_permissions
from tests.accounts_support import verified_client

from .pages import FEATURED_RELEASE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Statement on the consular camp in Kolkata"


@pytest.fixture
def staff_page(open_page, live_server):
    """staff_page(role) -> a page in its own browser, logged in as a member of `role`."""
    grant_role_permissions(create_groups=True)

    def _page(role, username):
        user = get_user_model().objects.create_user(
            username, f"{username}@example.org", "unused", is_staff=True
        )
        user.groups.add(Group.objects.get(name=role))
        session = verified_client(user).cookies[settings.SESSION_COOKIE_NAME].value
        host = live_server.url.split("//", 1)[1].split(":")[0]
        page = open_page(viewport={"width": 1280, "height": 800})
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session,
                    "path": "/",
                    "domain": host,
                    "secure": settings.SESSION_COOKIE_SECURE,
                }
            ]
        )
        return page

    return _page


def type_body(page, text):
    editor = page.locator(".field-body_en [contenteditable=true]")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def save(page):
    page.get_by_role("button", name="Save", exact=True).click()


def write_and_submit(page):
    page.goto("/admin/releases/release/add/")
    page.locator("#id_title_en").fill(TITLE)
    page.locator("#id_summary_en").fill("The embassy holds a consular camp.")
    type_body(page, "The consular camp takes place in Kolkata.")
    page.locator("#id_date").fill(timezone.localdate().isoformat())
    page.locator("#id_status").select_option("review")
    save(page)
    expect(page.locator(".messagelist .success")).to_be_visible()


def test_review_sent_back_fixed_resubmitted_and_scheduled_into_the_calendar(staff_page):
    editor = staff_page(EDITOR, "editor")
    publisher = staff_page(PUBLISHER, "publisher")
    write_and_submit(editor)

    publisher.goto("/admin/")
    waiting = publisher.get_by_role("region", name="Waiting for your review")
    waiting.get_by_role("link", name=TITLE).click()
    publisher.get_by_label("Send back to the author with a comment").check()
    publisher.get_by_label("Comment for the author").fill("Give the dates of the camp.")
    publisher.get_by_role("button", name="Confirm the decision").click()
    expect(publisher.locator(".messagelist .success")).to_contain_text("sent back")

    editor.goto("/admin/")
    sent_back = editor.get_by_role("region", name="Sent back to you")
    expect(sent_back).to_contain_text("Give the dates of the camp.")
    sent_back.get_by_role("link", name=TITLE).click()
    type_body(editor, " It runs from 12 to 14 December.")
    editor.locator("#id_status").select_option("review")
    save(editor)
    expect(editor.locator(".messagelist .success")).to_be_visible()

    publisher.goto("/admin/")
    publisher.get_by_role("region", name="Waiting for your review").get_by_role(
        "link", name=TITLE
    ).click()
    at = timezone.localtime() + datetime.timedelta(days=2)
    publisher.get_by_label("Approve and schedule").check()
    publisher.get_by_label("Publication time (to schedule)").fill(at.strftime("%Y-%m-%dT10:00"))
    publisher.get_by_role("button", name="Confirm the decision").click()
    expect(publisher.locator(".messagelist .success")).to_contain_text("scheduled")

    calendar = publisher.get_by_role("region", name="Scheduled in the next 14 days")
    day = calendar.locator("td", has=publisher.get_by_role("link", name="10:00"))
    expect(day).to_contain_text(at.strftime("%-d %b"))
    release = Release.objects.get(title_en=TITLE)
    assert release.state == "scheduled"
    assert "12 to 14 December" in release.body_en


def test_a_correction_reaches_the_public_page_only_when_approved(staff_page, demo_content):
    release = Release.objects.get(slug=FEATURED_RELEASE)
    old_title, new_title = release.title_en, release.title_en + " (corrected)"
    editor = staff_page(EDITOR, "editor")
    publisher = staff_page(PUBLISHER, "publisher")
    editor.goto(f"/admin/releases/release/{release.pk}/change/")
    expect(editor.locator(".correction-note")).to_be_visible()
    editor.locator("#id_title_en").fill(new_title)
    save(editor)
    expect(editor.locator(".messagelist .success")).to_contain_text("waiting for a publisher")
    expect(editor.locator(".pending-revision")).to_be_visible()

    reader = publisher.context.new_page()
    reader.goto(release.get_absolute_url())
    expect(reader.locator("h1")).to_have_text(old_title)

    publisher.goto("/admin/")
    publisher.get_by_role("region", name="Waiting for your review").get_by_role(
        "link", name=f"Correction of {old_title}"
    ).click()
    expect(publisher.locator(".revision-diff ins")).to_contain_text("(corrected)")
    publisher.get_by_label("Approve: the public page changes now").check()
    publisher.get_by_label("Public change note (optional)").fill("Corrected the title.")
    publisher.get_by_role("button", name="Confirm the decision").click()
    expect(publisher.locator(".messagelist .success")).to_contain_text("approved")

    reader.reload()
    expect(reader.locator("h1")).to_have_text(new_title)
    expect(reader.locator("body")).to_contain_text("Corrected the title.")


def test_a_failed_save_keeps_the_text_and_a_closed_tab_gets_it_back(staff_page):
    editor = staff_page(EDITOR, "editor")
    editor.goto("/admin/releases/release/add/")
    editor.locator("#id_title_en").fill(TITLE)
    type_body(editor, "Words that must not be lost.")
    editor.locator("#id_date").fill("")  # required: the save fails
    save(editor)
    expect(editor.locator(".errornote")).to_be_visible()
    expect(editor.locator("#id_title_en")).to_have_value(TITLE)
    expect(editor.locator(".field-body_en")).to_contain_text("Words that must not be lost.")

    # The tab is closed without saving; the browser kept a copy.
    editor.goto("/admin/releases/release/add/")
    editor.locator("#id_title_en").fill(TITLE + " again")
    editor.wait_for_timeout(700)
    context = editor.context
    editor.close()
    page = context.new_page()
    page.goto("/admin/releases/release/add/")
    offer = page.get_by_role("region", name="Unsaved text")
    offer.get_by_role("button", name="Bring it back").click()
    expect(page.locator("#id_title_en")).to_have_value(TITLE + " again")
    page.locator("#id_date").fill(timezone.localdate().isoformat())
    save(page)
    expect(page.locator(".messagelist .success")).to_be_visible()
    # Saved: the copy is dropped, nothing is offered any more.
    page.goto("/admin/releases/release/add/")
    page.wait_for_timeout(700)
    expect(page.get_by_role("region", name="Unsaved text")).to_have_count(0)


@pytest.fixture
def desk_work(demo_content, django_user_model):
    """Something in every list of the desk: a text in review, a correction
    waiting, a release scheduled in three days."""
    from releases.workflow import corrections, services

    grant_role_permissions(create_groups=True)
    editor = django_user_model.objects.create_user("writer", "w@example.org", "x", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR))
    draft = Release.objects.exclude(slug=FEATURED_RELEASE).order_by("pk").first()
    draft.status, draft.published_at, draft.first_published_at = "draft", None, None
    draft.save()
    services.item_submit_for_review(item=draft, by=editor)
    live = Release.objects.get(slug=FEATURED_RELEASE)
    live.title_en += " (corrected)"
    corrections.correction_propose(item=live, by=editor, changed=["title_en"])
    soon = Release.objects.exclude(pk__in=[draft.pk, live.pk]).order_by("pk").first()
    soon.published_at = timezone.now() + datetime.timedelta(days=3)
    soon.first_published_at = None
    soon.save()
    return {"review": draft, "correction": Release.objects.get(pk=live.pk)}


def test_the_desk_pages_have_no_accessibility_violations(open_page, admin_cookies, desk_work):
    from .axe import ADMIN_KNOWN_VIOLATIONS, axe_violations, describe
    from .support import ADMIN_PAGES_CHECKED, KNOWN_VIOLATIONS_SEEN

    review, correction = desk_work["review"], desk_work["correction"]
    for path in (
        "/admin/",
        f"/admin/releases/release/{review.pk}/review/",
        f"/admin/releases/release/{correction.pk}/correction/",
        f"/admin/releases/release/{correction.pk}/change/",
    ):
        page = open_page(bypass_csp=True)
        page.context.add_cookies(admin_cookies)
        assert page.goto(path).status == 200
        page.wait_for_load_state("networkidle")
        violations, known = axe_violations(page, ADMIN_KNOWN_VIOLATIONS)
        KNOWN_VIOLATIONS_SEEN.update(known)
        ADMIN_PAGES_CHECKED.append(page.url)
        assert not violations, f"{page.url}\n{describe(violations)}"
