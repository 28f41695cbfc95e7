"""A publisher puts a speech online through the admin; a visitor finds it."""

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.accounts_support import current_code

from .conftest import PUBLISHER_PASSWORD
from .support import jpeg_bytes, pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SPEAKER = "Anna Petrova"
EVENT = "Press briefing on consular services"
TITLE = "Remarks at the press briefing on consular services"
IMAGE_ALT = "The deputy head of mission at a press briefing"


def save(page):
    page.get_by_role("button", name="Save", exact=True).first.click()
    # On a form error the admin stays on the form: the screenshot shows why.
    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")


def choose(page, field, search, option):
    """Pick a value in one of the admin's autocomplete (select2) widgets, as a
    person does: open it, type, and click the suggestion."""
    field.locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-results__option", has_text=option).click()


def log_in(page):
    page.goto("/admin/")
    page.get_by_label("Username").fill("publisher")
    page.get_by_label("Password").fill(PUBLISHER_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    # The second factor: the code the publisher's authenticator app shows.
    page.get_by_label("Code").fill(current_code(TOTPDevice.objects.get(user__username="publisher")))
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


def add_speaker(page):
    page.goto("/admin/releases/speaker/add/")
    page.locator("#id_name_en").fill(SPEAKER)
    page.locator("#id_honorific_en").fill("Ms")
    page.locator("#id_position_en").fill("Deputy Head of Mission")
    save(page)


def add_event(page):
    page.goto("/admin/releases/event/add/")
    page.locator("#id_title_en").fill(EVENT)
    page.locator("#id_kind").select_option(label="Meeting")
    page.locator("#id_start_date").fill(timezone.localdate().isoformat())
    page.locator("#id_city_en").fill("New Delhi")
    page.locator("#id_status").select_option(label="Published")
    save(page)


def add_speech(page):
    page.goto("/admin/releases/release/add/")
    page.locator("#id_kind").select_option(label="Speech or remarks")
    page.locator("#id_title_en").fill(TITLE)
    page.locator("#id_summary_en").fill("How to apply for a visa and where to find help.")
    # The admin fills the address (slug) from the English title, as editors rely on
    # (when the title field is left).
    expect(page.locator("#id_slug")).to_have_value(
        "remarks-at-the-press-briefing-on-consular-services"
    )
    page.locator(".field-body_en [contenteditable=true]").click()
    page.keyboard.type("Good morning. Today we open a new visa centre in New Delhi.")
    choose(page, page.locator(".field-event"), "briefing", EVENT)
    choose(page, page.locator(".field-topics"), "consular", "Consular matters")
    choose(page, page.locator("#release_speakers-0"), "Petrova", SPEAKER)
    page.locator("#id_release_speakers-0-role_en").fill("Deputy Head of Mission")
    page.locator("#id_image").set_input_files(
        files=[{"name": "briefing.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}]
    )
    page.locator("#id_image_alt_en").fill(IMAGE_ALT)
    page.locator("#id_attachments-0-title_en").fill("Full text (PDF)")
    page.locator("#id_attachments-0-file").set_input_files(
        files=[{"name": "remarks.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    page.locator("#id_status").select_option(label="Published")
    save(page)


def test_a_published_speech_is_found_by_visitors(open_page, demo_content, publisher):
    admin = open_page()
    log_in(admin)
    add_speaker(admin)
    add_event(admin)
    add_speech(admin)

    visitor = open_page("/en/releases/")
    visitor.locator("summary", has_text="Filter releases").click()
    visitor.get_by_label("Speaker").select_option(label=SPEAKER)
    visitor.get_by_role("button", name="Show releases").click()
    expect(visitor.get_by_role("status")).to_have_text("1 release")
    visitor.get_by_role("link", name=TITLE).click()

    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.locator(".body")).to_contain_text("we open a new visa centre")
    image = visitor.get_by_role("img", name=IMAGE_ALT)
    image.scroll_into_view_if_needed()
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("img => img.naturalWidth") > 0, "the image was not served"
    document = visitor.get_by_role("link", name="Full text (PDF)")
    download = visitor.request.get(document.get_attribute("href"))
    assert download.ok and download.body().startswith(b"%PDF")
    release_url = visitor.url

    visitor.get_by_role("link", name=f"Ms {SPEAKER}").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(f"Ms {SPEAKER}")
    expect(visitor.get_by_role("link", name=TITLE)).to_be_visible()

    visitor.goto(release_url)
    visitor.get_by_role("link", name=EVENT).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(EVENT)
    expect(visitor.get_by_role("link", name=TITLE)).to_be_visible()
