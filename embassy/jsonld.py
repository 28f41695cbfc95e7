"""schema.org JSON-LD blocks, for every app that describes its pages to
search engines: releases and events (releases/discovery/seo.py), offices (contacts)."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from .text import clean_output

# Characters that could end the <script> element or start markup inside it,
# written as JSON escapes (the same set as Django's json_script filter).
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def jsonld_script(data):
    """A <script type="application/ld+json"> block. Data for machines, never
    executed, so the Content Security Policy needs no nonce for it (a nonce
    would make the page uncacheable); escaped so that no text in it can close
    the element. Dates, decimals and lazy strings are written as text, and
    stored text is cleaned of control characters (see embassy/text.py)."""
    text = json.dumps(
        clean_output(data), cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")
    )
    escaped = text.translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{escaped}</script>')  # noqa: S308
