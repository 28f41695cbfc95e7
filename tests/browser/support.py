"""Helpers shared by the browser tests: where the tools are, and test files."""

import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image, ImageDraw

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start.
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NODE_MODULES = Path(settings.BASE_DIR) / "node_modules"
RESULTS_DIR = Path(settings.BASE_DIR) / "test-results"


def require(available, what, install):
    """Skip (locally) or fail (in CI) a test whose tool is missing."""
    if available:
        return
    message = f"{what} is missing: {install}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (.ci/run should have installed it)")
    pytest.skip(message)


def require_node_module(relative_path):
    path = NODE_MODULES / relative_path
    require(path.exists(), str(path), "run `make install-browser` (npm ci)")
    return path


def jpeg_bytes(width=1200, height=675):
    """A real photograph-like JPEG (a gradient with a shape), made with Pillow."""
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    ImageDraw.Draw(image).ellipse(
        (width // 4, height // 4, width // 2, height // 2), fill=(11, 61, 145)
    )
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=70)
    return buffer.getvalue()


def pdf_bytes(text="Full text of the statement"):
    """A minimal valid one-page PDF with a line of text."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# Figures gathered during the run and printed at its end (see conftest.py).
PAGE_WEIGHTS: dict[tuple[str, str], int] = {}
KNOWN_VIOLATIONS_SEEN: set[int] = set()
ADMIN_PAGES_CHECKED: list[str] = []
