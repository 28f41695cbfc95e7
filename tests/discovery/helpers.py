"""Parsing what the discovery features produce, with real parsers."""

import json

import lxml.html
import pytest
from django.db import connection

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search only"
)


def parse_html(response):
    return lxml.html.fromstring(response.content)


def jsonld(response):
    """Every JSON-LD block of a page, parsed."""
    scripts = parse_html(response).xpath('//script[@type="application/ld+json"]')
    return [json.loads(script.text) for script in scripts]


def by_class(tree, name, tag="*"):
    """Elements with the CSS class `name` (lxml's cssselect needs another package)."""
    return tree.xpath(f".//{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]")


on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's fallback search only"
)
