"""Uploads in an S3-compatible bucket (DJANGO_MEDIA_STORAGE=s3).

Read by embassy/settings.py, from django-storages' usual variables:
AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL (any S3-compatible service:
SeaweedFS, MinIO, Ceph...; unset for Amazon), AWS_S3_REGION_NAME,
AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_S3_ADDRESSING_STYLE,
AWS_S3_CUSTOM_DOMAIN, AWS_QUERYSTRING_EXPIRE.

The bucket is private: objects are uploaded without an ACL (the bucket's
default, private) and every address the site gives out is signed and expires
(AWS_QUERYSTRING_EXPIRE, 10 minutes by default: far longer than a page is
cached, far shorter than a leaked link is useful). The image or PDF of a
draft appears on no public page, so the public never gets a signed address
for it, and the bare address answers 403.

AWS_S3_CUSTOM_DOMAIN (a CDN in front of the bucket) gives unsigned addresses:
use it only for a CDN that itself checks signatures, or accept that files are
then protected only by their unguessable names (releases/uploads.py).
"""

from urllib.parse import urlsplit

from botocore.config import Config

SETTINGS_FROM_ENVIRONMENT = (
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_S3_CUSTOM_DOMAIN",
)


def s3_settings(environ):
    """Django settings for django-storages' S3Storage."""
    values = {name: environ[name] for name in SETTINGS_FROM_ENVIRONMENT if environ.get(name)}
    return {
        **values,
        "AWS_DEFAULT_ACL": None,
        "AWS_QUERYSTRING_AUTH": True,
        "AWS_QUERYSTRING_EXPIRE": int(environ.get("AWS_QUERYSTRING_EXPIRE", "600")),
        # Like the local disk: a clash gets a new name, nothing is overwritten.
        "AWS_S3_FILE_OVERWRITE": False,
        # Uploads never change under one name: browsers may keep them a day.
        "AWS_S3_OBJECT_PARAMETERS": {"CacheControl": "max-age=86400"},
        # A storage that stopped answering fails the request in seconds. (With
        # a client config, django-storages ignores AWS_S3_SIGNATURE_VERSION and
        # AWS_S3_ADDRESSING_STYLE: they are set here.)
        "AWS_S3_CLIENT_CONFIG": Config(
            signature_version="s3v4",
            s3={"addressing_style": environ.get("AWS_S3_ADDRESSING_STYLE") or "auto"},
            connect_timeout=3,
            read_timeout=10,
            retries={"max_attempts": 2, "mode": "standard"},
        ),
    }


def public_origin(environ):
    """Where visitors' browsers fetch uploads from (for the CSP's img-src)."""
    if environ.get("AWS_S3_CUSTOM_DOMAIN"):
        return f"https://{environ['AWS_S3_CUSTOM_DOMAIN']}"
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "")
    endpoint = environ.get("AWS_S3_ENDPOINT_URL")
    if endpoint:
        parts = urlsplit(endpoint)
        if environ.get("AWS_S3_ADDRESSING_STYLE") == "virtual":
            return f"{parts.scheme}://{bucket}.{parts.netloc}"
        return f"{parts.scheme}://{parts.netloc}"
    region = environ.get("AWS_S3_REGION_NAME", "us-east-1")
    return f"https://{bucket}.s3.{region}.amazonaws.com"
