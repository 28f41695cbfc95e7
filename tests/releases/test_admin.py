import datetime
from pathlib import Path

import lxml.html
import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile

from releases.models import Event, Release, Speaker
from tests.factories import ReleaseFactory, SpeakerFactory, png_file

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def inline_management(prefix, total=1, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def release_form(**overrides):
    data = {
        "kind": "speech",
        "title_en": "Remarks at the wreath-laying ceremony",
        "slug": "remarks-wreath-laying",
        "summary_en": "The Minister honoured fallen colleagues.",
        "body_en": "<p>Remarks.</p><script>alert(1)</script>",
        "place_en": "Moscow",
        "date": "2018-02-09",
        "status": "published",
        "published_at_0": "2018-02-09",
        "published_at_1": "12:00:00",
        "source_url": "",
        **inline_management("release_speakers"),
        **inline_management("attachments"),
        **inline_management("change_notes", total=0),
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "url",
    [
        "/admin/releases/release/",
        "/admin/releases/release/add/",
        "/admin/releases/speaker/",
        "/admin/releases/speaker/add/",
        "/admin/releases/event/",
        "/admin/releases/event/add/",
        "/admin/releases/topic/add/",
        "/admin/releases/release/?q=%00%F0%9F%98%80" + "x" * 2000,
    ],
)
def test_admin_pages_render(staff_client, url):
    assert staff_client.get(url).status_code == 200


def test_change_page_has_view_on_site_and_image_preview(staff_client):
    release = ReleaseFactory(published=True, image=png_file(), image_alt_en="A blue square")
    response = staff_client.get(f"/admin/releases/release/{release.pk}/change/")
    assert response.status_code == 200
    assert "View on site" in response.text
    assert 'alt="A blue square"' in response.text


def test_image_previews_are_sized_without_inline_styles(staff_client):
    # The Content Security Policy (no 'unsafe-inline' styles) covers the admin
    # too: a style attribute would be ignored and the image shown full size.
    SpeakerFactory(portrait=png_file(), portrait_alt_en="A portrait")
    response = staff_client.get("/admin/releases/speaker/")
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    image = lxml.html.fromstring(response.content).xpath('//img[@alt="A portrait"]')[0]
    assert image.get("style") is None
    stylesheet = finders.find("css/admin-workflow.css")
    assert f".{image.get('class')} {{" in Path(stylesheet).read_text()
    assert "css/admin-workflow.css" in response.text


def test_editor_creates_a_speech_by_a_new_speaker_at_a_new_event_in_one_sitting(staff_client):
    response = staff_client.post(
        "/admin/releases/speaker/add/",
        {"name_en": "Sergey Lavrov", "slug": "sergey-lavrov", "position_en": "Minister"},
    )
    assert response.status_code == 302, response.context["errors"]
    speaker = Speaker.objects.get(slug="sergey-lavrov")

    response = staff_client.post(
        "/admin/releases/event/add/",
        {
            "title_en": "Wreath-laying ceremony",
            "slug": "wreath-laying-2018",
            "kind": "ceremony",
            "event_status": "held",
            "start_date": "2018-02-09",
            "status": "published",
            "published_at_0": "2018-02-01",
            "published_at_1": "10:00:00",
            **inline_management("participations", total=0),
        },
    )
    assert response.status_code == 302, response.context["errors"]
    event = Event.objects.get(slug="wreath-laying-2018")

    data = release_form(
        event=str(event.pk),
        image=png_file(),
        image_alt_en="Wreaths at the memorial plaques",
        **{
            "release_speakers-0-speaker": str(speaker.pk),
            "release_speakers-0-role_en": "Minister of Foreign Affairs",
            "release_speakers-0-order": "0",
            "attachments-0-title_en": "Full text",
            "attachments-0-file": SimpleUploadedFile("remarks.pdf", PDF, "application/pdf"),
            "attachments-0-order": "0",
        },
    )
    response = staff_client.post("/admin/releases/release/add/", data)
    assert response.status_code == 302, response.context["errors"]

    release = Release.objects.get(slug="remarks-wreath-laying")
    assert "<script" not in release.body_en
    assert release.attachments.get().file.name.endswith(".pdf")
    assert release.image_width == 120

    assert "Remarks at the wreath-laying ceremony" in staff_client.get("/en/releases/").text
    assert "Remarks at the wreath-laying" in staff_client.get("/en/speakers/sergey-lavrov/").text
    assert "Remarks at the wreath-laying" in staff_client.get(event.get_absolute_url()).text


def test_duplicate_slug_on_the_same_date_is_a_form_error(staff_client):
    ReleaseFactory(slug="remarks-wreath-laying", date=datetime.date(2018, 2, 9))
    response = staff_client.post("/admin/releases/release/add/", release_form())
    assert response.status_code == 200
    assert "already has this slug" in response.text
    assert Release.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.png", b"not an image at all", "not an image"),
        ("photo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>", "image"),
    ],
)
def test_a_file_that_is_not_an_image_is_refused(staff_client, name, content, message):
    data = release_form(
        image=SimpleUploadedFile(name, content, "image/png"), image_alt_en="Something"
    )
    response = staff_client.post("/admin/releases/release/add/", data)
    assert response.status_code == 200
    assert message in response.text
    assert not Release.objects.exists()


def test_executable_attachment_is_refused_and_nothing_is_saved(staff_client):
    data = release_form(
        **{
            "attachments-0-title_en": "Tool",
            "attachments-0-file": SimpleUploadedFile("tool.exe", b"MZ...", "application/pdf"),
            "attachments-0-order": "0",
        }
    )
    response = staff_client.post("/admin/releases/release/add/", data)
    assert response.status_code == 200
    assert "File extension “exe” is not allowed" in response.text
    assert not Release.objects.exists()


def test_event_ending_before_it_starts_is_a_form_error(staff_client):
    response = staff_client.post(
        "/admin/releases/event/add/",
        {
            "title_en": "Consultations",
            "slug": "consultations",
            "kind": "consultations",
            "event_status": "announced",
            "start_date": "2018-02-16",
            "end_date": "2018-02-15",
            "status": "draft",
            **inline_management("participations", total=0),
        },
    )
    assert response.status_code == 200
    assert "cannot end before it starts" in response.text
    assert not Event.objects.exists()


def test_speaker_autocomplete_finds_by_name(staff_client):
    SpeakerFactory(name_en="Sergey Lavrov")
    response = staff_client.get(
        "/admin/autocomplete/",
        {
            "term": "lavr",
            "app_label": "releases",
            "model_name": "releasespeaker",
            "field_name": "speaker",
        },
    )
    assert response.status_code == 200
    assert "Sergey Lavrov" in response.text


def test_admin_previews_are_small_renditions_not_the_upload(staff_client):
    from PIL import Image
    from sorl.thumbnail import get_thumbnail

    speaker = SpeakerFactory(portrait=png_file(size=(1600, 1200)), portrait_alt_en="A portrait")
    rendition = get_thumbnail(speaker.portrait, "200x120", upscale=False)
    with Image.open(rendition.storage.open(rendition.name)) as opened:
        assert opened.width <= 200 and opened.height <= 120
    for url in ("/admin/releases/speaker/", f"/admin/releases/speaker/{speaker.pk}/change/"):
        response = staff_client.get(url)
        image = lxml.html.fromstring(response.content).xpath('//img[@alt="A portrait"]')[0]
        assert image.get("src") == rendition.url != speaker.portrait.url
