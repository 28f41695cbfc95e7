"""The admin's address and headers, and how uploads are served."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.accounts_support import verified_client
from tests.test_settings import run_settings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/admin/login/", "/admin/", "/admin/password-reset/"])
def test_admin_responses_are_never_stored_or_indexed(client, member, path):
    response = verified_client(member).get(path) if path == "/admin/" else client.get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "none"
    assert '<meta name="robots" content="noindex, nofollow, noarchive">' in response.text


def test_even_an_admin_404_is_not_stored(client):
    response = client.get("/admin/no-such-page/")
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "none"


ADMIN_AT = """
import django; django.setup()
from django.test import Client
client = Client()
print(client.get("/staff-9f3k/login/").status_code, client.get("/admin/login/").status_code)
print("staff-9f3k" in client.get("/robots.txt").text)
"""


def test_the_admin_moves_to_the_configured_path():
    env = {
        "DJANGO_DEBUG": "1",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_ADMIN_PATH": "staff-9f3k",
    }
    lines = run_settings(env, ADMIN_AT).stdout.splitlines()
    assert lines == ["200 404", "False"]


def media(client, name, content):
    saved = default_storage.save(name, ContentFile(content))
    return client.get(f"/media/{saved}")


def test_pdfs_open_in_the_browser_and_other_documents_download(client):
    pdf = media(client, "docs/statement.pdf", b"%PDF-1.4\n")
    doc = media(client, "docs/statement.docx", b"PK\x03\x04")
    html = media(client, "docs/page.html", b"<script>alert(1)</script>")

    assert pdf["Content-Disposition"].startswith("inline")
    assert doc["Content-Disposition"].startswith("attachment;")
    assert html["Content-Disposition"].startswith("attachment;")
    for response in (pdf, doc, html):
        assert response["X-Content-Type-Options"] == "nosniff"


def test_images_are_shown_inline(client):
    response = media(client, "img/photo.png", b"\x89PNG\r\n")
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_svg_attachment_stays_refused(staff_client):
    from tests.releases.test_admin import release_form

    svg = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"
    data = release_form(
        **{
            "attachments-0-title_en": "Diagram",
            "attachments-0-file": SimpleUploadedFile("diagram.svg", svg, "image/svg+xml"),
            "attachments-0-order": "0",
        }
    )
    response = staff_client.post("/admin/releases/release/add/", data)
    assert response.status_code == 200
    assert "File extension “svg” is not allowed" in response.text
