"""Images inside rich text: their addresses made current when a page shows them.

A body's `<img>` carries the storage name of its file in `data-file` (the
attribute the text editor keeps for uploaded images). The `src` written when
the text was saved may not last: on object storage every address is signed
and expires (ops/media.py). `current_image_sources()` writes each `src` anew
from `data-file`, so an old text still shows its images."""

import html
import re

from django.core.files.storage import default_storage

IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
DATA_FILE = re.compile(r"""\sdata-file\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
SRC = re.compile(r"""\ssrc\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)


def image_tag(name, alt, width=None, height=None):
    """An `<img>` of the stored file `name`, for a rich-text body."""
    size = f' width="{int(width)}" height="{int(height)}"' if width and height else ""
    return (
        f'<img src="{html.escape(default_storage.url(name))}" alt="{html.escape(alt)}"'
        f'{size} data-file="{html.escape(name)}">'
    )


def _current(match):
    tag = match.group(0)
    found = DATA_FILE.search(tag)
    if not found:
        return tag
    name = html.unescape(found.group(1) if found.group(1) is not None else found.group(2))
    if not name or name.startswith(("/", "\\")) or ".." in name.split("/"):
        return tag
    src = f' src="{html.escape(default_storage.url(name))}"'
    return SRC.sub(lambda _m: src, tag, count=1) if SRC.search(tag) else tag[:4] + src + tag[4:]


def current_image_sources(text):
    """`text` with the `src` of each stored image written from its `data-file`."""
    if not text or "data-file" not in text:
        return text
    return IMG.sub(_current, text)
