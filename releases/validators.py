"""Upload checks: a file is what it claims to be and small enough to serve."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_IMAGE_BYTES = 8 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # a 40-megapixel photograph; more is a decompression bomb
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
ALLOWED_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def validate_image(file):
    """Open the upload with Pillow: the extension alone proves nothing."""
    if file.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("The image is %(size)s; the largest allowed is %(max)s."),
            params={"size": filesizeformat(file.size), "max": filesizeformat(MAX_IMAGE_BYTES)},
            code="image_too_large",
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not an image that can be shown on the site."), code="invalid_image"
        ) from None
    finally:
        file.seek(position)
    if image_format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(_("Upload a JPEG, PNG, WebP or GIF image."), code="image_format")
    if width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(
            _("The image is %(width)s×%(height)s pixels; make it smaller before uploading."),
            params={"width": width, "height": height},
            code="image_dimensions",
        )


def validate_document_size(file):
    if file.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the largest allowed is %(max)s."),
            params={"size": filesizeformat(file.size), "max": filesizeformat(MAX_DOCUMENT_BYTES)},
            code="document_too_large",
        )
