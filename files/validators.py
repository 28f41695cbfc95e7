"""What an upload must be: its content what its name says, small enough to
serve, and (for an image) fully decodable.

The extension is what the browser's download and the server's
Content-Type go by, so the content is checked against it: a PNG named
`statement.pdf` would be served as a PDF. Images are decoded completely,
every frame, with Pillow (a truncated JPEG opens fine and fails only when
a page draws it). Documents are recognised by their magic bytes; the
office formats by their container: OOXML and ODF are zip archives with
specific members (read with `zipfile`), the legacy Word, Excel and
PowerPoint formats are OLE2 compound files.
"""

import contextlib
import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageSequence, UnidentifiedImageError

MAX_IMAGE_BYTES = 8 * 1024 * 1024
# A 40-megapixel photograph; more, counted over all frames of an animation,
# is a decompression bomb.
MAX_IMAGE_PIXELS = 40_000_000
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
IMAGE_EXTENSIONS = {"JPEG": ("jpg", "jpeg"), "PNG": ("png",), "WEBP": ("webp",), "GIF": ("gif",)}
# What Pillow raises for a file it cannot open or decode.
IMAGE_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError)

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _starts_with(magic, within=0):
    def matches(file):
        head = file.read(len(magic) + within)
        return magic in head if within else head == magic

    return matches


def _zip_with_member(member):
    def matches(file):
        with _zip(file) as archive:
            return archive is not None and member in archive.namelist()

    return matches


def _odf(mimetype):
    # ODF stores its media type, uncompressed, in a member named "mimetype".
    def matches(file):
        with _zip(file) as archive:
            if archive is None or "mimetype" not in archive.namelist():
                return False
            with archive.open("mimetype") as member:
                return member.read(100) == mimetype.encode("ascii")

    return matches


@contextlib.contextmanager
def _zip(file):
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        yield None
        return
    with archive:
        yield archive


DOCUMENT_SIGNATURES = {
    # Readers accept the PDF header anywhere in the first kilobyte.
    "pdf": _starts_with(b"%PDF-", within=1024),
    "doc": _starts_with(OLE2_MAGIC),
    "docx": _zip_with_member("word/document.xml"),
    "odt": _odf("application/vnd.oasis.opendocument.text"),
    "rtf": _starts_with(b"{\\rtf"),
    "xls": _starts_with(OLE2_MAGIC),
    "xlsx": _zip_with_member("xl/workbook.xml"),
    "ods": _odf("application/vnd.oasis.opendocument.spreadsheet"),
    "ppt": _starts_with(OLE2_MAGIC),
    "pptx": _zip_with_member("ppt/presentation.xml"),
    "odp": _odf("application/vnd.oasis.opendocument.presentation"),
}
DOCUMENT_EXTENSIONS = list(DOCUMENT_SIGNATURES)


def extension_of(name):
    return name.rsplit(".", 1)[-1].lower() if "." in (name or "") else ""


@contextlib.contextmanager
def _read_from_start(file):
    """Read `file` from its first byte, and leave it where it was for the
    storage that saves it afterwards."""
    position = file.tell()
    file.seek(0)
    try:
        yield file
    finally:
        file.seek(position)


def _check_size(file, limit, code, message):
    if file.size > limit:
        raise ValidationError(
            message,
            params={"size": filesizeformat(file.size), "max": filesizeformat(limit)},
            code=code,
        )


def validate_image(file):
    """A JPEG, PNG, WebP or GIF whose name says so, within the size and
    pixel limits, and that decodes to its last byte."""
    _check_size(
        file,
        MAX_IMAGE_BYTES,
        "image_too_large",
        _("The image is %(size)s; the largest allowed is %(max)s."),
    )
    with _read_from_start(file):
        try:
            image = Image.open(file)
        except Image.DecompressionBombError:
            raise _too_many_pixels() from None
        except IMAGE_ERRORS:
            raise ValidationError(
                _("This file is not an image that can be shown on the site."),
                code="invalid_image",
            ) from None
        with image:
            _check_image_format(image, extension_of(file.name))
            _decode_every_frame(image)


def _check_image_format(image, extension):
    if image.format not in IMAGE_EXTENSIONS:
        raise ValidationError(_("Upload a JPEG, PNG, WebP or GIF image."), code="image_format")
    expected = IMAGE_EXTENSIONS[image.format]
    if extension not in expected:
        raise ValidationError(
            _(
                "This is a %(format)s image, but its name ends in “.%(extension)s”: "
                "rename it to end in “.%(expected)s”."
            ),
            params={"format": image.format, "extension": extension, "expected": expected[0]},
            code="image_extension",
        )


def _decode_every_frame(image):
    width, height = image.size
    if width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(
            _("The image is %(width)s×%(height)s pixels; make it smaller before uploading."),
            params={"width": width, "height": height},
            code="image_dimensions",
        )
    pixels = 0
    try:
        for frame in ImageSequence.Iterator(image):
            # Counted before decoding, so that a bomb is refused unread.
            pixels += frame.width * frame.height
            if pixels > MAX_IMAGE_PIXELS:
                raise _too_many_pixels()
            frame.load()
    except IMAGE_ERRORS:
        raise ValidationError(
            _(
                "The image is damaged or incomplete (perhaps cut off while copying); "
                "save it again and upload the new file."
            ),
            code="image_damaged",
        ) from None


def _too_many_pixels():
    return ValidationError(
        _(
            "The image has more than %(max)s million pixels, counting every frame of an "
            "animation; make it smaller or shorter before uploading."
        ),
        params={"max": MAX_IMAGE_PIXELS // 1_000_000},
        code="image_pixels",
    )


def validate_document(file):
    """A document within the size limit whose content is the format its
    extension names (an unknown extension is FileExtensionValidator's)."""
    _check_size(
        file,
        MAX_DOCUMENT_BYTES,
        "document_too_large",
        _("The file is %(size)s; the largest allowed is %(max)s."),
    )
    extension = extension_of(file.name)
    matches = DOCUMENT_SIGNATURES.get(extension)
    if matches is None:
        return
    with _read_from_start(file):
        if not matches(file):
            raise ValidationError(
                _(
                    "This file’s content is not a “.%(extension)s” document. Upload the "
                    "document itself, saved from the program that made it."
                ),
                params={"extension": extension},
                code="document_content",
            )
