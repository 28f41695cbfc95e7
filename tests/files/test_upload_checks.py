"""An upload is refused, with a message saying why, unless its content is
what its name says: decoded in full for images, recognised by its magic
bytes or container for documents."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from files.validators import validate_document, validate_image
from releases.models import Release
from tests.releases.test_admin import release_form

from .samples import DOCUMENTS, PDF, animated_gif, document, image_bytes, jpeg, truncated_jpeg


def refusal(validator, upload):
    with pytest.raises(ValidationError) as refused:
        validator(upload)
    return " ".join(refused.value.messages)


@pytest.mark.django_db
def test_a_truncated_jpeg_is_refused_and_nothing_is_saved(staff_client):
    data = release_form(image=truncated_jpeg(), image_alt_en="A photograph")
    response = staff_client.post("/admin/releases/release/add/", data)
    assert response.status_code == 200
    assert "The image is damaged or incomplete" in response.text
    assert not Release.objects.exists()


@pytest.mark.django_db
def test_a_png_named_pdf_is_refused_as_an_attachment(staff_client):
    png = SimpleUploadedFile("statement.pdf", image_bytes("PNG"), "application/pdf")
    data = release_form(
        **{
            "attachments-0-title_en": "Full text",
            "attachments-0-file": png,
            "attachments-0-order": "0",
        }
    )
    response = staff_client.post("/admin/releases/release/add/", data)
    assert response.status_code == 200
    assert "This file’s content is not a “.pdf” document" in response.text
    assert not Release.objects.exists()


@pytest.mark.django_db
def test_an_animation_over_the_pixel_limit_in_all_its_frames_is_refused(staff_client):
    # 500 frames of 300×300: 45 million pixels, each frame far below the limit.
    data = release_form(image=animated_gif(500), image_alt_en="An animation")
    response = staff_client.post("/admin/releases/release/add/", data)
    assert response.status_code == 200
    assert "more than 40 million pixels, counting every frame" in response.text
    assert not Release.objects.exists()


def test_a_short_animation_is_accepted():
    validate_image(animated_gif(10))


def test_a_whole_jpeg_is_accepted():
    validate_image(jpeg())


@pytest.mark.parametrize(("name", "expected"), [("photo.png", "jpg"), ("photo.gif", "jpg")])
def test_an_image_named_as_another_format_is_refused(name, expected):
    upload = SimpleUploadedFile(name, jpeg().read(), "image/png")
    message = refusal(validate_image, upload)
    assert f"This is a JPEG image, but its name ends in “.{name[-3:]}”" in message
    assert f"rename it to end in “.{expected}”" in message


@pytest.mark.parametrize("extension", DOCUMENTS)
def test_each_document_format_is_accepted_with_its_own_content(extension):
    validate_document(document(extension))


@pytest.mark.parametrize(
    ("extension", "content"),
    [
        ("pdf", image_bytes("PNG")),
        ("pdf", b"MZ\x90\x00 a Windows program"),
        ("docx", DOCUMENTS["xlsx"]),  # a spreadsheet renamed
        ("xlsx", DOCUMENTS["odt"]),
        ("odt", DOCUMENTS["ods"]),
        ("docx", b"PK\x03\x04 not really a zip archive"),
        ("doc", PDF),
        ("rtf", b"<html>a web page saved as rtf</html>"),
    ],
)
def test_a_document_whose_content_is_not_its_format_is_refused(extension, content):
    message = refusal(validate_document, document(extension, content))
    assert f"This file’s content is not a “.{extension}” document" in message


def test_the_upload_is_left_at_its_start_for_storage():
    upload = document("docx")
    validate_document(upload)
    assert upload.tell() == 0
    assert upload.read() == DOCUMENTS["docx"]
