"""Real files as editors upload them, made on the spot: images with
Pillow, office documents as the containers their programs write."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from files.validators import OLE2_MAGIC

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def image_bytes(image_format, size=(120, 80), color=(11, 61, 145)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=image_format)
    return buffer.getvalue()


def jpeg(name="photo.jpg"):
    return SimpleUploadedFile(name, image_bytes("JPEG", size=(400, 300)), "image/jpeg")


def truncated_jpeg(name="photo.jpg"):
    """A photograph cut off in the middle, as an interrupted copy leaves it."""
    data = image_bytes("JPEG", size=(400, 300))
    return SimpleUploadedFile(name, data[: len(data) // 2], "image/jpeg")


def animated_gif(frames, size=(300, 300), name="animation.gif"):
    # Alternating colours: Pillow merges identical consecutive frames.
    colors = [(200, 30, 30), (30, 30, 200)]
    images = [Image.new("RGB", size, colors[index % 2]) for index in range(frames)]
    buffer = io.BytesIO()
    images[0].save(buffer, format="GIF", save_all=True, append_images=images[1:], duration=40)
    return SimpleUploadedFile(name, buffer.getvalue(), "image/gif")


def _zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return buffer.getvalue()


def _odf(mimetype):
    return _zip({"mimetype": mimetype, "content.xml": "<office:document-content/>"})


def _ooxml(main_part):
    return _zip({"[Content_Types].xml": "<Types/>", main_part: "<document/>"})


DOCUMENTS = {
    "pdf": PDF,
    "rtf": b"{\\rtf1\\ansi Statement.}",
    "doc": OLE2_MAGIC + bytes(504),
    "xls": OLE2_MAGIC + bytes(504),
    "ppt": OLE2_MAGIC + bytes(504),
    "docx": _ooxml("word/document.xml"),
    "xlsx": _ooxml("xl/workbook.xml"),
    "pptx": _ooxml("ppt/presentation.xml"),
    "odt": _odf("application/vnd.oasis.opendocument.text"),
    "ods": _odf("application/vnd.oasis.opendocument.spreadsheet"),
    "odp": _odf("application/vnd.oasis.opendocument.presentation"),
}


def document(extension, content=None):
    data = DOCUMENTS[extension] if content is None else content
    return SimpleUploadedFile(f"statement.{extension}", data, "application/octet-stream")
