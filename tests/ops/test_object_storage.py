"""Uploads in a private S3 bucket (a real SeaweedFS): the admin stores them
there, public pages link them with signed, expiring addresses, thumbnails
live beside them, and a draft's files cannot be fetched by the public."""

import time
import urllib.error
import urllib.request

import botocore.exceptions
import lxml.html
import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from sorl.thumbnail import delete, get_thumbnail

from releases.models import Release
from tests.factories import AttachmentFactory, ReleaseFactory, png_file
from tests.test_settings import run_settings

from . import seaweedfs

pytestmark = [pytest.mark.servers, pytest.mark.django_db]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def fresh_thumbnail_records():
    """sorl-thumbnail remembers renditions in the cache: one made on the local
    disk by an earlier test must not stand for one in the bucket."""
    cache.clear()


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def keys(bucket):
    listing = bucket.list_objects_v2(Bucket=seaweedfs.BUCKET)
    return {item["Key"] for item in listing.get("Contents", [])}


def stored(bucket, key):
    """Asked of the object itself: a listing may lag behind a deletion."""
    try:
        bucket.head_object(Bucket=seaweedfs.BUCKET, Key=key)
    except botocore.exceptions.ClientError as error:
        if error.response["Error"]["Code"] in {"404", "NoSuchKey", "NotFound"}:
            return False
        raise
    return True


def gone(bucket, key, within=10.0):
    """SeaweedFS's S3 gateway learns of a deletion from its filer a moment
    later (longer on a loaded machine): wait for it, within bounds."""
    deadline = time.monotonic() + within
    while stored(bucket, key):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def unsigned(url):
    return url.split("?", 1)[0]


def management(prefix, total):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_admin_upload_lands_in_the_private_bucket(staff_client, s3_media):
    response = staff_client.post(
        "/admin/releases/release/add/",
        {
            "kind": "speech",
            "title_en": "Remarks on the anniversary",
            "slug": "remarks-anniversary",
            "body_en": "<p>Remarks.</p>",
            "date": "2018-02-09",
            "status": "draft",
            "image": png_file(),
            "image_alt_en": "The minister at the lectern",
            "attachments-0-title_en": "Full text",
            "attachments-0-file": SimpleUploadedFile("remarks.pdf", PDF, "application/pdf"),
            "attachments-0-order": "0",
            **management("release_speakers", 0),
            **management("attachments", 1),
            **management("change_notes", 0),
        },
    )
    assert response.status_code == 302, response.context["errors"]

    release = Release.objects.get(slug="remarks-anniversary")
    attachment = release.attachments.get()
    assert {release.image.name, attachment.file.name} <= keys(s3_media)
    assert release.image_width == 120  # Pillow read it back from the bucket
    # Not public-read: the bare address is refused.
    assert fetch(unsigned(release.image.url))[0] == 403
    assert fetch(unsigned(attachment.file.url))[0] == 403


@pytest.mark.parametrize(
    "failure",
    [
        {"AWS_SECRET_ACCESS_KEY": "a-revoked-secret"},  # the keys were revoked
        {"AWS_S3_ENDPOINT_URL": "http://127.0.0.1:18290"},  # the bucket cannot be reached
    ],
    ids=["revoked-keys", "unreachable"],
)
def test_a_bucket_that_refuses_the_upload_is_a_form_error_with_nothing_saved(
    staff_client, s3_media, settings, failure
):
    before = keys(s3_media)
    for name, value in failure.items():
        setattr(settings, name, value)
    settings.STORAGES = {**settings.STORAGES}  # a new storage object reads them

    response = staff_client.post(
        "/admin/releases/release/add/",
        {
            "kind": "speech",
            "title_en": "Remarks on the anniversary",
            "slug": "remarks-anniversary",
            "body_en": "<p>Remarks.</p>",
            "date": "2018-02-09",
            "status": "draft",
            "image": png_file(),
            "image_alt_en": "The minister at the lectern",
            "attachments-0-title_en": "Full text",
            "attachments-0-file": SimpleUploadedFile("remarks.pdf", PDF, "application/pdf"),
            "attachments-0-order": "0",
            **management("release_speakers", 0),
            **management("attachments", 1),
            **management("change_notes", 0),
        },
    )

    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    errors = " ".join(page.xpath('//ul[contains(@class, "errorlist")]//text()'))
    assert "could not be reached" in errors and "Nothing was saved" in errors
    # What the editor typed is still in the form.
    assert page.xpath('//input[@name="title_en"]/@value') == ["Remarks on the anniversary"]
    assert not Release.objects.filter(slug="remarks-anniversary").exists()
    assert keys(s3_media) == before


def test_public_page_links_signed_addresses_and_thumbnails_in_the_bucket(client, s3_media):
    release = ReleaseFactory(published=True, image=png_file(), image_alt_en="A blue square")
    attachment = AttachmentFactory(release=release, file=SimpleUploadedFile("full.pdf", PDF))

    page = lxml.html.fromstring(client.get(release.get_absolute_url()).content)
    image_url = page.xpath('//img[@alt="A blue square"]/@src')[0]
    file_url = page.xpath("//a[@download]/@href")[0]

    assert "X-Amz-Signature=" in image_url and "X-Amz-Expires=600" in image_url
    status, body = fetch(image_url)
    assert status == 200 and body[8:12] == b"WEBP"  # a rendition, not the upload
    assert any(key.startswith("renditions/") for key in keys(s3_media))
    assert fetch(file_url) == (200, PDF)
    assert unsigned(file_url).endswith(attachment.file.name)


def test_a_drafts_image_cannot_be_fetched_by_the_public(client, s3_media):
    draft = ReleaseFactory(image=png_file(), image_alt_en="Not yet announced")
    assert client.get(draft.get_absolute_url()).status_code == 404
    # Knowing (or guessing) the object's address is not enough.
    assert fetch(unsigned(draft.image.url))[0] == 403


def test_deleting_an_image_removes_it_and_its_thumbnails(s3_media):
    release = ReleaseFactory(published=True, image=png_file(), image_alt_en="A blue square")
    thumbnail = get_thumbnail(release.image, "60")
    assert {release.image.name, thumbnail.name} <= keys(s3_media)

    delete(release.image)  # sorl-thumbnail: the file, its renditions and their records

    assert gone(s3_media, release.image.name)
    assert gone(s3_media, thumbnail.name)


SHOW_MEDIA = (
    "import embassy.settings as s; "
    "print(s.STORAGES['default']['BACKEND'], s.SERVE_MEDIA, s.SECURE_CSP['img-src'][-1])"
)


def test_operator_turns_on_the_bucket_with_the_usual_aws_variables():
    production = {"DJANGO_SECRET_KEY": "x" * 50}
    local = run_settings(production, SHOW_MEDIA).stdout.split()
    bucket = run_settings(
        {
            **production,
            "DJANGO_MEDIA_STORAGE": "s3",
            **seaweedfs.environment("https://objects.example.org"),
        },
        SHOW_MEDIA,
    ).stdout.split()
    # Django serves no uploads with debug off, whichever storage holds them.
    assert local[:2] == ["files.storage.UploadStorage", "False"]
    # Pages may show images from the bucket (and only from there).
    assert bucket == ["ops.bucket.BucketStorage", "False", "https://objects.example.org"]


def test_readiness_checks_the_bucket_and_its_credentials(client, s3_media, settings):
    assert client.get("/readyz").json()["checks"]["storage"] == "ok"
    settings.AWS_SECRET_ACCESS_KEY = "a-revoked-secret"
    settings.STORAGES = {**settings.STORAGES}  # a new storage object reads it
    assert client.get("/readyz").json()["checks"]["storage"] == "failing"
